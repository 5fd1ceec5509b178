// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
	"douyin/rpc/social/social"
)

type FriendListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFriendListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FriendListLogic {
	return &FriendListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *FriendListLogic) FriendList(req *types.RelationListReq) (resp *types.FriendListResp, err error) {
	viewer := token.UserID(l.ctx)
	userID, err := l.svcCtx.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	// The list carries the latest message of each chat: only its owner sees it.
	if userID != viewer {
		return nil, xerr.Newf(xerr.Unauthorized, "You can only see your own friends")
	}
	out, err := l.svcCtx.SocialRpc.FriendList(l.ctx, &social.UserReq{UserId: viewer})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(out.Friends))
	for _, f := range out.Friends {
		ids = append(ids, f.UserId)
	}
	users, err := l.svcCtx.Users(l.ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	friends := make([]types.FriendUser, 0, len(out.Friends))
	for _, f := range out.Friends {
		u, ok := users[f.UserId]
		if !ok {
			continue
		}
		friends = append(friends, types.FriendUser{
			Id: u.Id, Name: u.Name, FollowCount: u.FollowCount, FollowerCount: u.FollowerCount,
			IsFollow: u.IsFollow, Avatar: u.Avatar, BackgroundImage: u.BackgroundImage, Signature: u.Signature,
			TotalFavorited: u.TotalFavorited, WorkCount: u.WorkCount, FavoriteCount: u.FavoriteCount,
			Message: f.Message, MsgType: f.MsgType,
		})
	}
	return &types.FriendListResp{UserList: friends}, nil
}
