package logic

import (
	"context"
	"errors"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/pkg/timeunit"
	"douyin/pkg/xerr"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

type PublishLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewPublishLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PublishLogic {
	return &PublishLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *PublishLogic) Publish(in *pb.PublishReq) (*pb.PublishResp, error) {
	// The gateway checked the file and the title; the author must exist.
	if _, err := l.svcCtx.User.FindOne(l.ctx, in.AuthorId); errors.Is(err, model.ErrNotFound) {
		return nil, xerr.New(xerr.UserNotFound)
	} else if err != nil {
		return nil, err
	}
	id, err := l.svcCtx.Video.Publish(l.ctx, &model.Video{
		AuthorId:  in.AuthorId,
		Title:     in.Title,
		PlayKey:   in.PlayKey,
		CoverKey:  in.CoverKey,
		CreatedAt: timeunit.NowMs(),
	}, l.svcCtx.User)
	if err != nil {
		return nil, err
	}
	return &pb.PublishResp{VideoId: id}, nil
}
