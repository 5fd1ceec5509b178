package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/mq/internal/svc"
)

// SettleCacheDeletes makes the second deletes of cached rows that their
// writers still owe (a failed delete, or a writer that died within the second),
// so that no row cached from before a commit outlives it for long.
func SettleCacheDeletes(ctx context.Context, svcCtx *svc.ServiceContext) {
	n, err := svcCtx.SettleCacheDeletes(ctx)
	if err != nil {
		logx.WithContext(ctx).Errorf("settle owed cache deletes: %v", err)
		return
	}
	if n > 0 {
		logx.WithContext(ctx).Infof("settled %d owed cache deletes", n)
	}
}
