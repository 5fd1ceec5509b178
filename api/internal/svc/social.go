package svc

import (
	"douyin/api/internal/types"
	"douyin/pkg/timeunit"
	"douyin/pkg/userpb"
	"douyin/rpc/social/social"
)

// Comments turns the social service's comments into the contract's, each with
// its author from the users that came with them.
func (s *ServiceContext) Comments(comments []*social.CommentInfo, users []*userpb.UserInfo) []types.Comment {
	userOf := s.usersByID(users)
	list := make([]types.Comment, 0, len(comments))
	for _, c := range comments {
		list = append(list, types.Comment{
			Id:         c.Id,
			User:       userOf[c.UserId],
			Content:    c.Content,
			CreateDate: timeunit.Date(c.CreatedAt),
		})
	}
	return list
}

// Friends turns the social service's friend list into the contract's.
func (s *ServiceContext) Friends(friends []*social.FriendInfo, users []*userpb.UserInfo) []types.FriendUser {
	userOf := s.usersByID(users)
	list := make([]types.FriendUser, 0, len(friends))
	for _, f := range friends {
		u, ok := userOf[f.UserId]
		if !ok {
			continue
		}
		list = append(list, types.FriendUser{
			Id: u.Id, Name: u.Name, FollowCount: u.FollowCount, FollowerCount: u.FollowerCount,
			IsFollow: u.IsFollow, Avatar: u.Avatar, BackgroundImage: u.BackgroundImage, Signature: u.Signature,
			TotalFavorited: u.TotalFavorited, WorkCount: u.WorkCount, FavoriteCount: u.FavoriteCount,
			Message: f.Message, MsgType: f.MsgType,
		})
	}
	return list
}
