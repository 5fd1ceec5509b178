package logic

import (
	"context"

	"douyin/model/pages"
	"douyin/pkg/userpb"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

// videoPage answers videos ids in their order as viewer sees them (counts with
// the pending likes, the viewer's likes), with each of their authors once.
// Unknown ids are left out. One pipelined Redis read when warm, whatever the
// number of videos.
func videoPage(ctx context.Context, s *svc.ServiceContext, viewer int64, ids []int64) (
	[]*pb.VideoInfo, []*userpb.UserInfo, error) {
	page, err := s.Pages.VideoPage(ctx, viewer, ids)
	if err != nil {
		return nil, nil, err
	}
	videos, authors := pageInfos(page)
	return videos, authors, nil
}

// pageInfos turns a page into this service's answer.
func pageInfos(page *pages.VideoPage) ([]*pb.VideoInfo, []*userpb.UserInfo) {
	videos := make([]*pb.VideoInfo, 0, len(page.Videos))
	for _, v := range page.Videos {
		videos = append(videos, &pb.VideoInfo{
			Id:            v.Id,
			AuthorId:      v.AuthorId,
			PlayKey:       v.PlayKey,
			CoverKey:      v.CoverKey,
			FavoriteCount: v.FavoriteCount,
			CommentCount:  v.CommentCount,
			IsFavorite:    page.Liked[v.Id],
			Title:         v.Title,
			CreatedAt:     v.CreatedAt,
		})
	}
	return videos, pages.UserInfos(page.Authors)
}
