package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type FollowListLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewFollowListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FollowListLogic {
	return &FollowListLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *FollowListLogic) FollowList(in *pb.UserReq) (*pb.UserListResp, error) {
	ids, err := l.svcCtx.Follow.Following(l.ctx, in.UserId)
	if err != nil {
		return nil, err
	}
	return userList(l.ctx, l.svcCtx, in, newest(ids, l.svcCtx.Config.Lists.Users))
}
