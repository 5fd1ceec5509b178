package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/pkg/xerr"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

type PublishedKeysLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewPublishedKeysLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PublishedKeysLogic {
	return &PublishedKeysLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// maxPublishedKeys bounds one lookup; the gateway asks in batches.
const maxPublishedKeys = 1000

// PublishedKeys answers which of play_keys belong to videos published between
// since and until: the gateway settles with it the uploads a crash left unclaimed.
func (l *PublishedKeysLogic) PublishedKeys(in *pb.PublishedKeysReq) (*pb.PublishedKeysResp, error) {
	if len(in.PlayKeys) > maxPublishedKeys {
		return nil, xerr.Newf(xerr.InvalidParam, "at most %d keys at a time", maxPublishedKeys)
	}
	keys, err := l.svcCtx.Video.PublishedKeys(l.ctx, in.PlayKeys, in.Since, in.Until)
	if err != nil {
		return nil, err
	}
	return &pb.PublishedKeysResp{PlayKeys: keys}, nil
}
