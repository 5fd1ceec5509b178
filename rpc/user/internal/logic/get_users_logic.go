package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

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
	users, err := l.svcCtx.UserViewList(l.ctx, in.ViewerId, in.UserIds)
	if err != nil {
		return nil, err
	}
	resp := &pb.GetUsersResp{Users: make([]*pb.UserInfo, 0, len(users))}
	for _, u := range users {
		resp.Users = append(resp.Users, &pb.UserInfo{
			Id:                 u.Id,
			Name:               u.Username,
			FollowCount:        u.FollowCount,
			FollowerCount:      u.FollowerCount,
			IsFollow:           u.IsFollow,
			AvatarKey:          u.Avatar,
			BackgroundImageKey: u.BackgroundImage,
			Signature:          u.Signature,
			TotalFavorited:     u.TotalFavorited,
			WorkCount:          u.WorkCount,
			FavoriteCount:      u.FavoriteCount,
		})
	}
	return resp, nil
}
