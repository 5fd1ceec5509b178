package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/pkg/timeunit"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

// feedPageSize is the contract's page: at most 30 videos.
const feedPageSize = 30

type FeedLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewFeedLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FeedLogic {
	return &FeedLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *FeedLogic) Feed(in *pb.FeedReq) (*pb.FeedResp, error) {
	latest := in.LatestTime
	if latest <= 0 {
		latest = timeunit.NowMs()
	}
	page, err := l.svcCtx.Pages.FeedPage(l.ctx, in.ViewerId, latest, feedPageSize)
	if err != nil {
		return nil, err
	}
	if len(page.Videos) == 0 {
		// Nothing older is left: start again from the newest page, so the app
		// never shows an empty feed unless there are no videos at all.
		if page, err = l.svcCtx.Pages.FeedPage(l.ctx, in.ViewerId, timeunit.NowMs()+1, feedPageSize); err != nil {
			return nil, err
		}
	}
	videos, authors := pageInfos(page)
	next := timeunit.NowMs()
	if len(videos) > 0 {
		next = videos[len(videos)-1].CreatedAt
	}
	return &pb.FeedResp{Videos: videos, NextTime: next, Authors: authors}, nil
}
