// Package convert turns the services' messages into the contract's types. Every
// function is pure: the media URLs come from the Links of the request's client.
package convert

import (
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/storage"
	"douyin/pkg/timeunit"
	"douyin/pkg/userpb"
	"douyin/rpc/social/social"
	"douyin/rpc/video/video"
)

// User is the contract's User object.
func User(links mediastore.Links, u *userpb.UserInfo) types.User {
	return types.User{
		Id:              u.GetId(),
		Name:            u.GetName(),
		FollowCount:     u.GetFollowCount(),
		FollowerCount:   u.GetFollowerCount(),
		IsFollow:        u.GetIsFollow(),
		Avatar:          links.URL(u.GetAvatarKey(), storage.DefaultAvatar),
		BackgroundImage: links.URL(u.GetBackgroundImageKey(), storage.DefaultBackground),
		Signature:       u.GetSignature(),
		TotalFavorited:  u.GetTotalFavorited(),
		WorkCount:       u.GetWorkCount(),
		FavoriteCount:   u.GetFavoriteCount(),
	}
}

// Users converts a list of people, keeping its order.
func Users(links mediastore.Links, users []*userpb.UserInfo) []types.User {
	return each(users, func(u *userpb.UserInfo) types.User { return User(links, u) })
}

// each converts every item of in with f, keeping the order; never nil.
func each[In, Out any](in []In, f func(In) Out) []Out {
	out := make([]Out, 0, len(in))
	for _, x := range in {
		out = append(out, f(x))
	}
	return out
}

// usersByID indexes the users that came with a page.
func usersByID(links mediastore.Links, users []*userpb.UserInfo) map[int64]types.User {
	byID := make(map[int64]types.User, len(users))
	for _, u := range users {
		byID[u.GetId()] = User(links, u)
	}
	return byID
}

// Videos turns a page of the video service into the contract's Videos, each
// with its author from the page's authors.
func Videos(links mediastore.Links, videos []*video.VideoInfo, authors []*userpb.UserInfo) []types.Video {
	authorOf := usersByID(links, authors)
	return each(videos, func(v *video.VideoInfo) types.Video {
		return types.Video{
			Id:            v.Id,
			Author:        authorOf[v.AuthorId],
			PlayUrl:       links.URL(v.PlayKey, storage.DefaultCover),
			CoverUrl:      links.URL(v.CoverKey, storage.DefaultCover),
			FavoriteCount: v.FavoriteCount,
			CommentCount:  v.CommentCount,
			IsFavorite:    v.IsFavorite,
			Title:         v.Title,
		}
	})
}

// Comments turns the social service's comments into the contract's, each with
// its author from the users that came with them.
func Comments(links mediastore.Links, comments []*social.CommentInfo, users []*userpb.UserInfo) []types.Comment {
	userOf := usersByID(links, users)
	return each(comments, func(c *social.CommentInfo) types.Comment {
		return types.Comment{Id: c.Id, User: userOf[c.UserId], Content: c.Content, CreateDate: timeunit.Date(c.CreatedAt)}
	})
}

// Friends turns the social service's friend list into the contract's.
func Friends(links mediastore.Links, friends []*social.FriendInfo, users []*userpb.UserInfo) []types.FriendUser {
	userOf := usersByID(links, users)
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

// Messages turns a chat's messages into the contract's.
func Messages(messages []*social.MessageInfo) []types.Message {
	return each(messages, func(m *social.MessageInfo) types.Message {
		return types.Message{Id: m.Id, ToUserId: m.ToUserId, FromUserId: m.FromUserId, Content: m.Content, CreateTime: m.CreateTime}
	})
}
