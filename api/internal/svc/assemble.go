package svc

import (
	"context"

	"google.golang.org/grpc"

	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/storage"
	"douyin/pkg/token"
	"douyin/pkg/userpb"
	"douyin/pkg/xerr"
	"douyin/rpc/social/social"
	"douyin/rpc/user/user"
	"douyin/rpc/video/video"
)

// UserOf turns the services' User object into the contract's.
func (s *ServiceContext) UserOf(u *userpb.UserInfo) types.User {
	return types.User{
		Id:              u.GetId(),
		Name:            u.GetName(),
		FollowCount:     u.GetFollowCount(),
		FollowerCount:   u.GetFollowerCount(),
		IsFollow:        u.GetIsFollow(),
		Avatar:          s.Media.URL(u.GetAvatarKey(), storage.DefaultAvatar),
		BackgroundImage: s.Media.URL(u.GetBackgroundImageKey(), storage.DefaultBackground),
		Signature:       u.GetSignature(),
		TotalFavorited:  u.GetTotalFavorited(),
		WorkCount:       u.GetWorkCount(),
		FavoriteCount:   u.GetFavoriteCount(),
	}
}

// usersByID indexes the users that came with a page.
func (s *ServiceContext) usersByID(users []*userpb.UserInfo) map[int64]types.User {
	byID := make(map[int64]types.User, len(users))
	for _, u := range users {
		byID[u.GetId()] = s.UserOf(u)
	}
	return byID
}

// usersInOrder converts a list of people, keeping its order.
func (s *ServiceContext) usersInOrder(users []*userpb.UserInfo) []types.User {
	list := make([]types.User, 0, len(users))
	for _, u := range users {
		list = append(list, s.UserOf(u))
	}
	return list
}

// User fetches one user as viewer sees them (0 = anonymous).
func (s *ServiceContext) User(ctx context.Context, viewer, id int64) (types.User, error) {
	resp, err := s.UserRpc.GetUsers(ctx, &user.GetUsersReq{ViewerId: viewer, UserIds: []int64{id}})
	if err != nil {
		return types.User{}, err
	}
	if len(resp.Users) == 0 {
		return types.User{}, xerr.New(xerr.UserNotFound)
	}
	return s.UserOf(resp.Users[0]), nil
}

// Videos turns a page of the video service into the contract's Videos, each with
// its author from the page's authors.
func (s *ServiceContext) Videos(videos []*video.VideoInfo, authors []*userpb.UserInfo) []types.Video {
	authorOf := s.usersByID(authors)
	list := make([]types.Video, 0, len(videos))
	for _, v := range videos {
		list = append(list, types.Video{
			Id:            v.Id,
			Author:        authorOf[v.AuthorId],
			PlayUrl:       s.Media.URL(v.PlayKey, storage.DefaultCover),
			CoverUrl:      s.Media.URL(v.CoverKey, storage.DefaultCover),
			FavoriteCount: v.FavoriteCount,
			CommentCount:  v.CommentCount,
			IsFavorite:    v.IsFavorite,
			Title:         v.Title,
		})
	}
	return list
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
// parameter (or the viewer), the users as the viewer sees them, in one call.
func (s *ServiceContext) RelationList(ctx context.Context, rawUserID string,
	list func(context.Context, *social.UserReq, ...grpc.CallOption) (*social.UserListResp, error)) (*types.UserListResp, error) {
	viewer := token.UserID(ctx)
	userID, err := s.UserOrViewer(rawUserID, viewer)
	if err != nil {
		return nil, err
	}
	out, err := list(ctx, &social.UserReq{UserId: userID, ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	return &types.UserListResp{UserList: s.usersInOrder(out.Users)}, nil
}
