package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type FollowerListLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewFollowerListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FollowerListLogic {
	return &FollowerListLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *FollowerListLogic) FollowerList(in *pb.UserReq) (*pb.UserListResp, error) {
	ids, err := l.svcCtx.Follow.Followers(l.ctx, in.UserId)
	if err != nil {
		return nil, err
	}
	return userList(l.ctx, l.svcCtx, in, newest(ids, l.svcCtx.Config.Lists.Users))
}
