// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

type FollowListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFollowListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FollowListLogic {
	return &FollowListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *FollowListLogic) FollowList(req *types.RelationListReq) (resp *types.UserListResp, err error) {
	return userList(l.ctx, req.UserId, l.svcCtx.SocialRpc.FollowList)
}
