// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
)

type FollowerListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFollowerListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FollowerListLogic {
	return &FollowerListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *FollowerListLogic) FollowerList(req *types.RelationListReq) (resp *types.UserListResp, err error) {
	viewer := token.UserID(l.ctx)
	userID, err := l.svcCtx.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	out, err := l.svcCtx.SocialRpc.FollowerList(l.ctx, &social.UserReq{UserId: userID})
	if err != nil {
		return nil, err
	}
	users, err := l.svcCtx.UserList(l.ctx, viewer, out.Ids)
	if err != nil {
		return nil, err
	}
	return &types.UserListResp{UserList: users}, nil
}
