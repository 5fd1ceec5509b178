// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/token"
)

type UserInfoLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewUserInfoLogic(ctx context.Context, svcCtx *svc.ServiceContext) *UserInfoLogic {
	return &UserInfoLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *UserInfoLogic) UserInfo(req *types.UserInfoReq) (resp *types.UserInfoResp, err error) {
	viewer := token.UserID(l.ctx)
	userID, err := l.svcCtx.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	u, err := l.svcCtx.User(l.ctx, viewer, userID)
	if err != nil {
		return nil, err
	}
	return &types.UserInfoResp{User: u}, nil
}
