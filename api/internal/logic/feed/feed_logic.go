// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package feed

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/timeunit"
	"douyin/pkg/token"
	"douyin/rpc/video/video"
)

type FeedLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFeedLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FeedLogic {
	return &FeedLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *FeedLogic) Feed(req *types.FeedReq) (resp *types.FeedResp, err error) {
	latest, err := param.Time(req.LatestTime, "latest_time")
	if err != nil {
		return nil, err
	}
	viewer := token.UserID(l.ctx)
	page, err := l.svcCtx.VideoRpc.Feed(l.ctx, &video.FeedReq{LatestTime: timeunit.FromClient(latest), ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	videos := convert.Videos(mediastore.LinksFor(l.ctx), page.Videos, page.Authors)
	return &types.FeedResp{VideoList: videos, NextTime: page.NextTime}, nil
}
