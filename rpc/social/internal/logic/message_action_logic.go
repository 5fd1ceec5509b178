package logic

import (
	"context"
	"strings"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/pkg/xerr"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type MessageActionLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewMessageActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *MessageActionLogic {
	return &MessageActionLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *MessageActionLogic) MessageAction(in *pb.MessageActionReq) (*pb.Empty, error) {
	if in.ToUserId == in.UserId {
		return nil, xerr.New(xerr.MessageSelf)
	}
	if strings.TrimSpace(in.Content) == "" {
		return nil, xerr.Newf(xerr.InvalidParam, "content must not be empty")
	}
	if err := userExists(l.ctx, l.svcCtx, in.ToUserId); err != nil {
		return nil, err
	}
	if _, err := l.svcCtx.Message.Send(l.ctx, in.UserId, in.ToUserId, in.Content); err != nil {
		return nil, err
	}
	return &pb.Empty{}, nil
}
