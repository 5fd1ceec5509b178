package logic

import (
	"context"
	"errors"

	"github.com/go-sql-driver/mysql"
	"github.com/zeromicro/go-zero/core/logx"
	"golang.org/x/crypto/bcrypt"

	"douyin/model"
	"douyin/pkg/timeunit"
	"douyin/pkg/xerr"
	"douyin/rpc/user/internal/svc"
	"douyin/rpc/user/pb"
)

type RegisterLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewRegisterLogic(ctx context.Context, svcCtx *svc.ServiceContext) *RegisterLogic {
	return &RegisterLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *RegisterLogic) Register(in *pb.RegisterReq) (*pb.AccountResp, error) {
	if err := checkCredentials(in.Username, in.Password); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword(passwordDigest(in.Password), l.svcCtx.Config.BcryptCost)
	if err != nil {
		return nil, err
	}
	// The unique index decides between racing registrations, not a prior lookup.
	res, err := l.svcCtx.User.Insert(l.ctx, &model.User{
		Username:  in.Username,
		Password:  string(hash),
		CreatedAt: timeunit.NowMs(),
	})
	var mysqlErr *mysql.MySQLError
	if errors.As(err, &mysqlErr) && mysqlErr.Number == duplicateEntry {
		return nil, xerr.New(xerr.UsernameTaken)
	}
	if err != nil {
		return nil, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	// A read of this id before it existed may have cached "not found".
	if err := l.svcCtx.User.DelCache(l.ctx, id); err != nil {
		return nil, err
	}
	return &pb.AccountResp{UserId: id}, nil
}
