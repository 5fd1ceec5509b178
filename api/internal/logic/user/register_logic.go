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
	"douyin/rpc/user/user"
)

type RegisterLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewRegisterLogic(ctx context.Context, svcCtx *svc.ServiceContext) *RegisterLogic {
	return &RegisterLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *RegisterLogic) Register(req *types.AccountReq) (resp *types.AccountResp, err error) {
	username, password, err := credentials(req, param.Username)
	if err != nil {
		return nil, err
	}
	if err := l.svcCtx.Limits.Register.Take(l.ctx, origin.ClientFromContext(l.ctx)); err != nil {
		return nil, err
	}
	rpcResp, err := l.svcCtx.UserRpc.Register(l.ctx, &user.RegisterReq{Username: username, Password: password})
	if err != nil {
		return nil, err
	}
	return signedIn(l.svcCtx.Config, rpcResp.UserId)
}
