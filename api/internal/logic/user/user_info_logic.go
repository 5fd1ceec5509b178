// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
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
	userID, err := param.OptionalID(req.UserId, "user_id")
	if err != nil {
		return nil, err
	}
	viewer := token.UserID(l.ctx)
	if userID == 0 {
		userID = viewer // absent user_id means the token's owner
	}
	if userID == 0 {
		return nil, xerr.Newf(xerr.Unauthorized, "user_id is required when not logged in")
	}
	users, err := l.svcCtx.Users(l.ctx, viewer, []int64{userID})
	if err != nil {
		return nil, err
	}
	u, ok := users[userID]
	if !ok {
		return nil, xerr.New(xerr.UserNotFound)
	}
	return &types.UserInfoResp{User: u}, nil
}
