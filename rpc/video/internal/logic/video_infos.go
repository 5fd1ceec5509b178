package logic

import (
	"context"

	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

// videoInfos answers videos ids in their order, as viewer sees them: rows from
// the row cache, favorite_count with the pending likes, the viewer's likes.
// Unknown ids are left out. One pipelined Redis read (two with a viewer),
// whatever the number of videos.
func videoInfos(ctx context.Context, s *svc.ServiceContext, viewer int64, ids []int64) ([]*pb.VideoInfo, error) {
	rows, err := s.VideoViews(ctx, ids)
	if err != nil {
		return nil, err
	}
	liked := map[int64]bool{}
	if viewer > 0 {
		if liked, err = s.Likes.LikedAmong(ctx, viewer, ids); err != nil {
			return nil, err
		}
	}
	videos := make([]*pb.VideoInfo, 0, len(rows))
	for _, id := range ids {
		v, ok := rows[id]
		if !ok {
			continue
		}
		delete(rows, id) // answer each video once
		videos = append(videos, &pb.VideoInfo{
			Id:            v.Id,
			AuthorId:      v.AuthorId,
			PlayKey:       v.PlayKey,
			CoverKey:      v.CoverKey,
			FavoriteCount: v.FavoriteCount,
			CommentCount:  v.CommentCount,
			IsFavorite:    liked[id],
			Title:         v.Title,
			CreatedAt:     v.CreatedAt,
		})
	}
	return videos, nil
}
