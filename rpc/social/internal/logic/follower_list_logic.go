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

func (l *FollowerListLogic) FollowerList(in *pb.UserReq) (*pb.IdListResp, error) {
	ids, err := l.svcCtx.Follow.Followers(l.ctx, in.UserId)
	if err != nil {
		return nil, err
	}
	// Only users follow and are followed: check existence for empty lists only.
	if len(ids) == 0 {
		if err := userExists(l.ctx, l.svcCtx, in.UserId); err != nil {
			return nil, err
		}
	}
	return &pb.IdListResp{Ids: ids}, nil
}
