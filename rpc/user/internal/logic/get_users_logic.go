package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model/pages"
	"douyin/rpc/user/internal/svc"
	"douyin/rpc/user/pb"
)

type GetUsersLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewGetUsersLogic(ctx context.Context, svcCtx *svc.ServiceContext) *GetUsersLogic {
	return &GetUsersLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *GetUsersLogic) GetUsers(in *pb.GetUsersReq) (*pb.GetUsersResp, error) {
	users, err := l.svcCtx.Pages.UserViewList(l.ctx, in.ViewerId, in.UserIds)
	if err != nil {
		return nil, err
	}
	return &pb.GetUsersResp{Users: pages.UserInfos(users)}, nil
}
