package convert

import (
	"testing"

	"douyin/pkg/mediastore"
	"douyin/pkg/storage"
	"douyin/pkg/userpb"
	"douyin/rpc/social/social"
	"douyin/rpc/video/video"
)

var links = mediastore.LinksAt("http://phone.lan:8080")

func TestVideosCarryTheirAuthorsAndTheClientsMediaURLs(t *testing.T) {
	authors := []*userpb.UserInfo{{Id: 7, Name: "ann", AvatarKey: "avatars/a.png"}}
	videos := Videos(links, []*video.VideoInfo{
		{Id: 1, AuthorId: 7, PlayKey: "videos/v.mp4", CoverKey: "covers/c.jpg", Title: "t"},
		{Id: 2, AuthorId: 7}, // cover not ready
	}, authors)
	if len(videos) != 2 || videos[0].Author.Name != "ann" || videos[0].PlayUrl != "http://phone.lan:8080/media/videos/v.mp4" {
		t.Fatalf("videos: %+v", videos)
	}
	if videos[0].Author.Avatar != "http://phone.lan:8080/media/avatars/a.png" ||
		videos[0].Author.BackgroundImage != "http://phone.lan:8080/media/"+storage.DefaultBackground {
		t.Fatalf("author images: %+v", videos[0].Author)
	}
	if videos[1].CoverUrl != "http://phone.lan:8080/media/"+storage.DefaultCover {
		t.Fatalf("missing cover: %s", videos[1].CoverUrl)
	}
}

func TestFriendsSkipUsersThatDidNotCome(t *testing.T) {
	friends := Friends(links, []*social.FriendInfo{{UserId: 7, Message: "hi", MsgType: 1}, {UserId: 8}},
		[]*userpb.UserInfo{{Id: 7, Name: "ann", FollowCount: 3}})
	if len(friends) != 1 || friends[0].Name != "ann" || friends[0].FollowCount != 3 || friends[0].Message != "hi" || friends[0].MsgType != 1 {
		t.Fatalf("friends: %+v", friends)
	}
	if users := Users(links, nil); users == nil || len(users) != 0 {
		t.Fatalf("no users: %#v", users)
	}
}
