// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package message

import (
	"context"
	"strconv"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
)

type MessageActionLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewMessageActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *MessageActionLogic {
	return &MessageActionLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *MessageActionLogic) MessageAction(req *types.MessageActionReq) (resp *types.StatusResp, err error) {
	toUserID, err := param.ID(req.ToUserId, "to_user_id")
	if err != nil {
		return nil, err
	}
	action, err := param.ActionType(req.ActionType, 1)
	if err != nil {
		return nil, err
	}
	content, err := param.Text(req.Content, "content", l.svcCtx.Config.MessageMaxChars)
	if err != nil {
		return nil, err
	}
	userID := token.UserID(l.ctx)
	if err := l.svcCtx.Limits.Message.Take(l.ctx, strconv.FormatInt(userID, 10)); err != nil {
		return nil, err
	}
	if _, err := l.svcCtx.SocialRpc.MessageAction(l.ctx, &social.MessageActionReq{
		UserId: userID, ToUserId: toUserID, ActionType: action, Content: content,
	}); err != nil {
		return nil, err
	}
	return &types.StatusResp{}, nil
}
