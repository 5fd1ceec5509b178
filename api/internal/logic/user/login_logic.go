// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/rpc/user/user"
)

type LoginLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewLoginLogic(ctx context.Context, svcCtx *svc.ServiceContext) *LoginLogic {
	return &LoginLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *LoginLogic) Login(req *types.AccountReq) (resp *types.AccountResp, err error) {
	username, password, err := credentials(req, param.LoginUsername)
	if err != nil {
		return nil, err
	}
	rpcResp, err := l.svcCtx.UserRpc.Login(l.ctx, &user.LoginReq{Username: username, Password: password})
	if err != nil {
		return nil, err
	}
	return signedIn(l.svcCtx.Config, rpcResp.UserId)
}
