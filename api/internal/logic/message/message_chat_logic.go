// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package message

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
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
	return &types.ChatResp{MessageList: convert.Messages(out.Messages)}, nil
}
