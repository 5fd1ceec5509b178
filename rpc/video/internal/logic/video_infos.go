package logic

import (
	"context"

	"douyin/model"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

// videoPage answers videos ids in their order as viewer sees them (rows from the
// row cache, favorite_count with the pending likes, the viewer's likes), with
// each of their authors once. Unknown ids are left out. A few pipelined Redis
// reads, whatever the number of videos.
func videoPage(ctx context.Context, s *svc.ServiceContext, viewer int64, ids []int64) (
	[]*pb.VideoInfo, []*pb.UserInfo, error) {
	rows, err := s.VideoViews(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	liked := map[int64]bool{}
	if viewer > 0 {
		if liked, err = s.Likes.LikedAmong(ctx, viewer, ids); err != nil {
			return nil, nil, err
		}
	}
	videos := make([]*pb.VideoInfo, 0, len(rows))
	authorIDs := make([]int64, 0, len(rows))
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
		authorIDs = append(authorIDs, v.AuthorId)
	}
	authors, err := s.UserViewList(ctx, viewer, authorIDs)
	if err != nil {
		return nil, nil, err
	}
	return videos, userInfos(authors), nil
}

// userInfos turns the model's users into this service's UserInfo.
func userInfos(users []*model.UserView) []*pb.UserInfo {
	infos := make([]*pb.UserInfo, 0, len(users))
	for _, u := range users {
		infos = append(infos, &pb.UserInfo{
			Id:                 u.Id,
			Name:               u.Username,
			FollowCount:        u.FollowCount,
			FollowerCount:      u.FollowerCount,
			IsFollow:           u.IsFollow,
			AvatarKey:          u.Avatar,
			BackgroundImageKey: u.BackgroundImage,
			Signature:          u.Signature,
			TotalFavorited:     u.TotalFavorited,
			WorkCount:          u.WorkCount,
			FavoriteCount:      u.FavoriteCount,
		})
	}
	return infos
}
