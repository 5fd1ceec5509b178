package logic

import (
	"context"
	"errors"

	"github.com/zeromicro/go-zero/core/logx"
	"golang.org/x/crypto/bcrypt"

	"douyin/model"
	"douyin/pkg/xerr"
	"douyin/rpc/user/internal/svc"
	"douyin/rpc/user/pb"
)

type LoginLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewLoginLogic(ctx context.Context, svcCtx *svc.ServiceContext) *LoginLogic {
	return &LoginLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *LoginLogic) Login(in *pb.LoginReq) (*pb.AccountResp, error) {
	if err := checkCredentials(in.Username, in.Password); err != nil {
		return nil, xerr.New(xerr.WrongCredentials)
	}
	u, err := l.svcCtx.User.FindOneByUsername(l.ctx, in.Username)
	if errors.Is(err, model.ErrNotFound) {
		// Spend the same time as a wrong password, so timing tells no usernames.
		_ = bcrypt.CompareHashAndPassword(dummyHash(l.svcCtx.Config.BcryptCost), passwordDigest(in.Password))
		return nil, xerr.New(xerr.WrongCredentials)
	}
	if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.Password), passwordDigest(in.Password)) != nil {
		return nil, xerr.New(xerr.WrongCredentials)
	}
	return &pb.AccountResp{UserId: u.Id}, nil
}
