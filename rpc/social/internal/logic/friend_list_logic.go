package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model/pages"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type FriendListLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewFriendListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FriendListLogic {
	return &FriendListLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *FriendListLogic) FriendList(in *pb.UserReq) (*pb.FriendListResp, error) {
	friends, err := l.svcCtx.Follow.Friends(l.ctx, in.UserId)
	if err != nil {
		return nil, err
	}
	friends = newest(friends, l.svcCtx.Config.Lists.Users)
	latest, err := l.svcCtx.Message.Latest(l.ctx, in.UserId, friends)
	if err != nil {
		return nil, err
	}
	users, err := l.svcCtx.Pages.UserViewList(l.ctx, in.UserId, friends)
	if err != nil {
		return nil, err
	}
	resp := &pb.FriendListResp{Friends: make([]*pb.FriendInfo, 0, len(friends)), Users: pages.UserInfos(users)}
	for _, id := range friends {
		friend := &pb.FriendInfo{UserId: id}
		if msg, ok := latest[id]; ok {
			friend.Message = msg.Content
			if msg.FromUserId == in.UserId {
				friend.MsgType = msgTypeSent
			}
		}
		resp.Friends = append(resp.Friends, friend)
	}
	return resp, nil
}
