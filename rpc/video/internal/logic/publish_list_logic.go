package logic

import (
	"context"

	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"

	"github.com/zeromicro/go-zero/core/logx"
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
	// todo: add your logic here and delete this line

	return &pb.VideoListResp{}, nil
}
