// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
	"douyin/rpc/user/user"
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
	userID, err := param.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	out, err := l.svcCtx.UserRpc.GetUsers(l.ctx, &user.GetUsersReq{ViewerId: viewer, UserIds: []int64{userID}})
	if err != nil {
		return nil, err
	}
	if len(out.Users) == 0 {
		return nil, xerr.New(xerr.UserNotFound)
	}
	return &types.UserInfoResp{User: convert.User(mediastore.LinksFor(l.ctx), out.Users[0])}, nil
}
