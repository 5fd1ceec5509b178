// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package publish

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/rpc/video/video"
)

type PublishListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewPublishListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PublishListLogic {
	return &PublishListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *PublishListLogic) PublishList(req *types.UserVideosReq) (resp *types.VideoListResp, err error) {
	viewer := token.UserID(l.ctx)
	userID, err := param.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	list, err := l.svcCtx.VideoRpc.PublishList(l.ctx, &video.PublishListReq{UserId: userID, ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	return &types.VideoListResp{VideoList: convert.Videos(mediastore.LinksFor(l.ctx), list.Videos, list.Authors)}, nil
}
