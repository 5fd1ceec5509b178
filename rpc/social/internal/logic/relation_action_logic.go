package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/pkg/xerr"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type RelationActionLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewRelationActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *RelationActionLogic {
	return &RelationActionLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *RelationActionLogic) RelationAction(in *pb.RelationActionReq) (*pb.Empty, error) {
	if in.ToUserId == in.UserId {
		return nil, xerr.New(xerr.FollowSelf)
	}
	if err := userExists(l.ctx, l.svcCtx, in.ToUserId); err != nil {
		return nil, err
	}
	var err error
	if in.ActionType == actionFollow {
		_, err = l.svcCtx.Follow.Follow(l.ctx, in.UserId, in.ToUserId, l.svcCtx.User)
	} else {
		_, err = l.svcCtx.Follow.Unfollow(l.ctx, in.UserId, in.ToUserId, l.svcCtx.User)
	}
	if err != nil {
		return nil, err
	}
	return &pb.Empty{}, nil
}
