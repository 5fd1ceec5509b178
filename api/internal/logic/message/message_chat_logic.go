// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package message

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/timeunit"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
)

type MessageChatLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewMessageChatLogic(ctx context.Context, svcCtx *svc.ServiceContext) *MessageChatLogic {
	return &MessageChatLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *MessageChatLogic) MessageChat(req *types.ChatReq) (resp *types.ChatResp, err error) {
	toUserID, err := param.ID(req.ToUserId, "to_user_id")
	if err != nil {
		return nil, err
	}
	pre, err := param.Time(req.PreMsgTime, "pre_msg_time")
	if err != nil {
		return nil, err
	}
	out, err := l.svcCtx.SocialRpc.MessageChat(l.ctx, &social.MessageChatReq{
		UserId: token.UserID(l.ctx), ToUserId: toUserID, PreMsgTime: timeunit.FromClient(pre),
	})
	if err != nil {
		return nil, err
	}
	messages := make([]types.Message, 0, len(out.Messages))
	for _, m := range out.Messages {
		messages = append(messages, types.Message{
			Id: m.Id, ToUserId: m.ToUserId, FromUserId: m.FromUserId, Content: m.Content, CreateTime: m.CreateTime,
		})
	}
	return &types.ChatResp{MessageList: messages}, nil
}
