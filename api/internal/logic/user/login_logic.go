// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/origin"
	"douyin/pkg/param"
	"douyin/pkg/xerr"
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
	// Past too many failures for the account or from the address, the password
	// is not even checked: guessing stops, whatever the guess.
	limits, client := l.svcCtx.Limits, origin.ClientFromContext(l.ctx)
	if err := limits.LoginUser.Check(l.ctx, username); err != nil {
		return nil, err
	}
	if err := limits.LoginIP.Check(l.ctx, client); err != nil {
		return nil, err
	}
	rpcResp, err := l.svcCtx.UserRpc.Login(l.ctx, &user.LoginReq{Username: username, Password: password})
	if xerr.Is(err, xerr.WrongCredentials) {
		limits.LoginUser.Fail(l.ctx, username)
		limits.LoginIP.Fail(l.ctx, client)
	}
	if err != nil {
		return nil, err
	}
	return signedIn(l.svcCtx.Config, rpcResp.UserId)
}
