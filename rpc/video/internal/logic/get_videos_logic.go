package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

type GetVideosLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewGetVideosLogic(ctx context.Context, svcCtx *svc.ServiceContext) *GetVideosLogic {
	return &GetVideosLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *GetVideosLogic) GetVideos(in *pb.GetVideosReq) (*pb.VideoListResp, error) {
	videos, authors, err := videoPage(l.ctx, l.svcCtx, in.ViewerId, in.VideoIds)
	if err != nil {
		return nil, err
	}
	return &pb.VideoListResp{Videos: videos, Authors: authors}, nil
}
