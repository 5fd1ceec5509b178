package svc

import (
	"context"

	"google.golang.org/grpc"

	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/storage"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
	"douyin/rpc/social/social"
	"douyin/rpc/user/user"
	"douyin/rpc/video/video"
)

// UserOf turns the user service's answer into the contract's User.
func (s *ServiceContext) UserOf(u *user.UserInfo) types.User {
	return types.User{
		Id:              u.Id,
		Name:            u.Name,
		FollowCount:     u.FollowCount,
		FollowerCount:   u.FollowerCount,
		IsFollow:        u.IsFollow,
		Avatar:          s.Media.URL(u.AvatarKey, storage.DefaultAvatar),
		BackgroundImage: s.Media.URL(u.BackgroundImageKey, storage.DefaultBackground),
		Signature:       u.Signature,
		TotalFavorited:  u.TotalFavorited,
		WorkCount:       u.WorkCount,
		FavoriteCount:   u.FavoriteCount,
	}
}

// Users fetches every user of a page in one call, as seen by viewer (0 = anonymous).
func (s *ServiceContext) Users(ctx context.Context, viewer int64, ids []int64) (map[int64]types.User, error) {
	users := make(map[int64]types.User, len(ids))
	if len(ids) == 0 {
		return users, nil
	}
	resp, err := s.UserRpc.GetUsers(ctx, &user.GetUsersReq{ViewerId: viewer, UserIds: ids})
	if err != nil {
		return nil, err
	}
	for _, u := range resp.Users {
		users[u.Id] = s.UserOf(u)
	}
	return users, nil
}

// UserList keeps the order of ids and drops users that no longer exist.
func (s *ServiceContext) UserList(ctx context.Context, viewer int64, ids []int64) ([]types.User, error) {
	users, err := s.Users(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	list := make([]types.User, 0, len(ids))
	for _, id := range ids {
		if u, ok := users[id]; ok {
			list = append(list, u)
		}
	}
	return list, nil
}

// Videos turns the video service's answer into the contract's Videos, with every
// author fetched in one call.
func (s *ServiceContext) Videos(ctx context.Context, viewer int64, videos []*video.VideoInfo) ([]types.Video, error) {
	authorIDs := make([]int64, 0, len(videos))
	seen := make(map[int64]bool, len(videos))
	for _, v := range videos {
		if !seen[v.AuthorId] { // a page often holds several videos of one author
			seen[v.AuthorId] = true
			authorIDs = append(authorIDs, v.AuthorId)
		}
	}
	authors, err := s.Users(ctx, viewer, authorIDs)
	if err != nil {
		return nil, err
	}
	list := make([]types.Video, 0, len(videos))
	for _, v := range videos {
		list = append(list, types.Video{
			Id:            v.Id,
			Author:        authors[v.AuthorId],
			PlayUrl:       s.Media.URL(v.PlayKey, storage.DefaultCover),
			CoverUrl:      s.Media.URL(v.CoverKey, storage.DefaultCover),
			FavoriteCount: v.FavoriteCount,
			CommentCount:  v.CommentCount,
			IsFavorite:    v.IsFavorite,
			Title:         v.Title,
		})
	}
	return list, nil
}

// UserOrViewer is the user_id parameter of a list, or the viewer when it is
// absent; one of the two is required.
func (s *ServiceContext) UserOrViewer(raw string, viewer int64) (int64, error) {
	userID, err := param.OptionalID(raw, "user_id")
	if err != nil {
		return 0, err
	}
	if userID == 0 {
		userID = viewer
	}
	if userID == 0 {
		return 0, xerr.Newf(xerr.InvalidParam, "user_id is required when not logged in")
	}
	return userID, nil
}

// RelationList answers a follow or follower list: the user of the user_id
// parameter (or the viewer), the ids from the social service's list, the users
// as the viewer sees them, in one call each.
func (s *ServiceContext) RelationList(ctx context.Context, rawUserID string,
	list func(context.Context, *social.UserReq, ...grpc.CallOption) (*social.IdListResp, error)) (*types.UserListResp, error) {
	viewer := token.UserID(ctx)
	userID, err := s.UserOrViewer(rawUserID, viewer)
	if err != nil {
		return nil, err
	}
	out, err := list(ctx, &social.UserReq{UserId: userID})
	if err != nil {
		return nil, err
	}
	users, err := s.UserList(ctx, viewer, out.Ids)
	if err != nil {
		return nil, err
	}
	return &types.UserListResp{UserList: users}, nil
}
