package logic

import (
	"context"

	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"

	"github.com/zeromicro/go-zero/core/logx"
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
	// todo: add your logic here and delete this line

	return &pb.VideoListResp{}, nil
}
