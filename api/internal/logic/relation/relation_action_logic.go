// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

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

type RelationActionLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewRelationActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *RelationActionLogic {
	return &RelationActionLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *RelationActionLogic) RelationAction(req *types.RelationActionReq) (resp *types.StatusResp, err error) {
	toUserID, err := param.ID(req.ToUserId, "to_user_id")
	if err != nil {
		return nil, err
	}
	action, err := param.ActionType(req.ActionType, 1, 2)
	if err != nil {
		return nil, err
	}
	userID := token.UserID(l.ctx)
	if err := l.svcCtx.Limits.Follow.Take(l.ctx, strconv.FormatInt(userID, 10)); err != nil {
		return nil, err
	}
	if _, err := l.svcCtx.SocialRpc.RelationAction(l.ctx, &social.RelationActionReq{
		UserId: userID, ToUserId: toUserID, ActionType: action,
	}); err != nil {
		return nil, err
	}
	return &types.StatusResp{}, nil
}
