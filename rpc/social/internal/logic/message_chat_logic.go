package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type MessageChatLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewMessageChatLogic(ctx context.Context, svcCtx *svc.ServiceContext) *MessageChatLogic {
	return &MessageChatLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *MessageChatLogic) MessageChat(in *pb.MessageChatReq) (*pb.MessageChatResp, error) {
	// The app polls every open chat once a second: a poll that Redis knows to be
	// empty costs one GET. The time is only cached for conversations already
	// checked here or by a send, so it also vouches that to_user_id exists.
	last, known, err := l.svcCtx.Message.LastTime(l.ctx, in.UserId, in.ToUserId)
	if err != nil {
		return nil, err
	}
	if known && last <= in.PreMsgTime {
		return &pb.MessageChatResp{Messages: []*pb.MessageInfo{}}, nil
	}
	if !known {
		if err := userExists(l.ctx, l.svcCtx, in.ToUserId); err != nil {
			return nil, err
		}
	}
	messages, err := l.svcCtx.Message.Conversation(l.ctx, in.UserId, in.ToUserId, in.PreMsgTime, l.svcCtx.Config.Lists.Messages)
	if err != nil {
		return nil, err
	}
	resp := &pb.MessageChatResp{Messages: make([]*pb.MessageInfo, 0, len(messages))}
	for _, m := range messages {
		resp.Messages = append(resp.Messages, &pb.MessageInfo{
			Id: m.Id, ToUserId: m.ToUserId, FromUserId: m.FromUserId, Content: m.Content, CreateTime: m.CreatedAt,
		})
	}
	return resp, nil
}
