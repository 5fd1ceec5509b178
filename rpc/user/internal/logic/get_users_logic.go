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
	users, err := l.svcCtx.User.FindMany(l.ctx, in.UserIds)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(users))
	for id := range users {
		ids = append(ids, id)
	}
	followed, err := l.svcCtx.Follow.FollowedAmong(l.ctx, in.ViewerId, ids)
	if err != nil {
		return nil, err
	}
	favorite, favorited, err := l.svcCtx.Likes.UserCountDeltas(l.ctx, ids)
	if err != nil {
		return nil, err
	}

	resp := &pb.GetUsersResp{Users: make([]*pb.UserInfo, 0, len(users))}
	answered := make(map[int64]bool, len(users))
	for _, id := range in.UserIds {
		u, ok := users[id]
		if !ok || answered[id] {
			continue
		}
		answered[id] = true
		resp.Users = append(resp.Users, &pb.UserInfo{
			Id:                 u.Id,
			Name:               u.Username,
			FollowCount:        u.FollowCount,
			FollowerCount:      u.FollowerCount,
			IsFollow:           followed[id] && id != in.ViewerId,
			AvatarKey:          u.Avatar,
			BackgroundImageKey: u.BackgroundImage,
			Signature:          u.Signature,
			TotalFavorited:     u.TotalFavorited + favorited[id],
			WorkCount:          u.WorkCount,
			FavoriteCount:      u.FavoriteCount + favorite[id],
		})
	}
	return resp, nil
}
