package logic

import (
	"context"
	"errors"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/pkg/xerr"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

type PublishListLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewPublishListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PublishListLogic {
	return &PublishListLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *PublishListLogic) PublishList(in *pb.PublishListReq) (*pb.VideoListResp, error) {
	if _, err := l.svcCtx.User.FindOne(l.ctx, in.UserId); errors.Is(err, model.ErrNotFound) {
		return nil, xerr.New(xerr.UserNotFound)
	} else if err != nil {
		return nil, err
	}
	ids, err := l.svcCtx.Video.ByAuthor(l.ctx, in.UserId)
	if err != nil {
		return nil, err
	}
	ids = ids[:min(len(ids), l.svcCtx.Config.Lists.Videos)] // newest first
	videos, authors, err := videoPage(l.ctx, l.svcCtx, in.ViewerId, ids)
	if err != nil {
		return nil, err
	}
	return &pb.VideoListResp{Videos: videos, Authors: authors}, nil
}
