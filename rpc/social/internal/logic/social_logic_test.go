package logic

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/model"
	"douyin/model/pages"
	"douyin/pkg/testenv"
	"douyin/pkg/xerr"
	"douyin/rpc/social/pb"
)

func newUser(t *testing.T, name string) int64 {
	t.Helper()
	res, err := serviceContext().User.Insert(context.Background(), &model.User{Username: fmt.Sprintf("%s%d", name, time.Now().UnixNano()%1e9), Password: "x", CreatedAt: 1})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func newVideo(t *testing.T, author int64) int64 {
	t.Helper()
	res, err := serviceContext().Video.Insert(context.Background(), &model.Video{AuthorId: author, Title: "t", PlayKey: "p", CreatedAt: 1})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func wantCode(t *testing.T, what string, err error, code uint32) {
	t.Helper()
	if !xerr.Is(err, code) {
		t.Fatalf("%s: %v, want code %d", what, err, code)
	}
}

func TestCommentDeleteIsTheAuthorsOnly(t *testing.T) {
	ctx, s := context.Background(), serviceContext()
	author, other := newUser(t, "c-author"), newUser(t, "c-other")
	videoID, otherVideo := newVideo(t, author), newVideo(t, author)
	action := func(in *pb.CommentActionReq) (*pb.CommentActionResp, error) {
		return NewCommentActionLogic(ctx, s).CommentAction(in)
	}
	text := `<a href="x">'quoted'</a>`
	posted, err := action(&pb.CommentActionReq{UserId: author, VideoId: videoID, ActionType: 1, CommentText: text})
	if err != nil || posted.Comment.Content != text || posted.Comment.UserId != author || posted.Comment.CreatedAt <= 0 {
		t.Fatalf("post: %v %v", posted, err)
	}
	id := posted.Comment.Id

	_, err = action(&pb.CommentActionReq{UserId: other, VideoId: videoID, ActionType: 2, CommentId: id})
	wantCode(t, "another's comment", err, xerr.NotCommentAuthor)
	_, err = action(&pb.CommentActionReq{UserId: author, VideoId: otherVideo, ActionType: 2, CommentId: id})
	wantCode(t, "the comment of another video", err, xerr.CommentNotFound)
	_, err = action(&pb.CommentActionReq{UserId: author, VideoId: 987654321, ActionType: 1, CommentText: "x"})
	wantCode(t, "unknown video", err, xerr.VideoNotFound)
	list, err := NewCommentListLogic(ctx, s).CommentList(&pb.CommentListReq{VideoId: videoID})
	if err != nil || len(list.Comments) != 1 {
		t.Fatalf("refusals changed the list: %v %v", list, err)
	}

	deleted, err := action(&pb.CommentActionReq{UserId: author, VideoId: videoID, ActionType: 2, CommentId: id})
	if err != nil || deleted.Comment.Id != id || deleted.Comment.Content != text {
		t.Fatalf("delete: %v %v", deleted, err)
	}
	_, err = action(&pb.CommentActionReq{UserId: author, VideoId: videoID, ActionType: 2, CommentId: id})
	wantCode(t, "a deleted comment", err, xerr.CommentNotFound)
	if v, err := s.Video.FindOne(ctx, videoID); err != nil || v.CommentCount != 0 {
		t.Fatalf("comment_count: %v %v", v, err)
	}
}

func TestRelationRefusals(t *testing.T) {
	ctx, s := context.Background(), serviceContext()
	a := newUser(t, "r-a")
	_, err := NewRelationActionLogic(ctx, s).RelationAction(&pb.RelationActionReq{UserId: a, ToUserId: a, ActionType: 1})
	wantCode(t, "following oneself", err, xerr.FollowSelf)
	_, err = NewRelationActionLogic(ctx, s).RelationAction(&pb.RelationActionReq{UserId: a, ToUserId: 987654321, ActionType: 1})
	wantCode(t, "following an unknown user", err, xerr.UserNotFound)
	_, err = NewFollowListLogic(ctx, s).FollowList(&pb.UserReq{UserId: 987654321})
	wantCode(t, "an unknown user's follow list", err, xerr.UserNotFound)
	_, err = NewFollowerListLogic(ctx, s).FollowerList(&pb.UserReq{UserId: 987654321})
	wantCode(t, "an unknown user's follower list", err, xerr.UserNotFound)
	_, err = NewCommentListLogic(ctx, s).CommentList(&pb.CommentListReq{VideoId: 987654321})
	wantCode(t, "an unknown video's comments", err, xerr.VideoNotFound)
}

func TestFriendListAndChat(t *testing.T) {
	ctx, s := context.Background(), serviceContext()
	a, b, c := newUser(t, "m-a"), newUser(t, "m-b"), newUser(t, "m-c")
	for _, pair := range [][2]int64{{a, b}, {b, a}, {a, c}} {
		if _, err := NewRelationActionLogic(ctx, s).RelationAction(&pb.RelationActionReq{UserId: pair[0], ToUserId: pair[1], ActionType: 1}); err != nil {
			t.Fatal(err)
		}
	}
	send := func(from, to int64, content string) error {
		_, err := NewMessageActionLogic(ctx, s).MessageAction(&pb.MessageActionReq{UserId: from, ToUserId: to, ActionType: 1, Content: content})
		return err
	}
	chat := func(user, with, pre int64) []*pb.MessageInfo {
		t.Helper()
		resp, err := NewMessageChatLogic(ctx, s).MessageChat(&pb.MessageChatReq{UserId: user, ToUserId: with, PreMsgTime: pre})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Messages
	}
	friends := func(user int64) []*pb.FriendInfo {
		t.Helper()
		resp, err := NewFriendListLogic(ctx, s).FriendList(&pb.UserReq{UserId: user})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Friends
	}

	// Friends without messages: message "", msgType 0.
	if f := friends(a); len(f) != 1 || f[0].UserId != b || f[0].Message != "" || f[0].MsgType != 0 {
		t.Fatalf("a's friends before chatting: %v", f)
	}
	if err := send(b, a, "hello a"); err != nil {
		t.Fatal(err)
	}
	if fa, fb := friends(a), friends(b); fa[0].Message != "hello a" || fa[0].MsgType != 0 || fb[0].Message != "hello a" || fb[0].MsgType != 1 {
		t.Fatalf("direction flags: a %v, b %v", fa, fb)
	}

	wantCode(t, "to oneself", send(a, a, "x"), xerr.MessageSelf)
	wantCode(t, "empty", send(a, b, " \n"), xerr.InvalidParam)
	wantCode(t, "to an unknown user", send(a, 987654321, "x"), xerr.UserNotFound)
	_, err := NewMessageChatLogic(ctx, s).MessageChat(&pb.MessageChatReq{UserId: a, ToUserId: 987654321})
	wantCode(t, "chat with an unknown user", err, xerr.UserNotFound)

	all := chat(a, b, 0)
	if len(all) != 1 || all[0].FromUserId != b || all[0].ToUserId != a {
		t.Fatalf("history: %v", all)
	}
	last := all[0].CreateTime
	// The empty poll is answered by Redis alone: a row written behind its back
	// stays unseen (no MySQL query ran).
	lo, hi := min(a, b), max(a, b)
	res, err := testenv.Get().SQL(t).ExecContext(ctx, "insert into message (from_user_id, to_user_id, user_lo, user_hi, content, created_at) "+
		"values (?, ?, ?, ?, 'hidden', ?)", a, b, lo, hi, last+5)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(chat(b, a, last)); n != 0 {
		t.Fatalf("empty poll answered %d", n)
	}
	hidden, _ := res.LastInsertId()
	if err := s.Message.Delete(ctx, hidden); err != nil {
		t.Fatal(err)
	}
	if err := send(a, b, "hello b"); err != nil {
		t.Fatal(err)
	}
	if got := chat(b, a, last); len(got) != 1 || got[0].Content != "hello b" || got[0].CreateTime <= last {
		t.Fatalf("poll after a send: %v", got)
	}
	// c is no part of a and b's chat.
	if n := len(chat(c, a, 0)); n != 0 {
		t.Fatalf("c read %d messages", n)
	}
}

// Lists of people carry the users as the viewer sees them, each once, so the
// gateway needs no second call.
func TestListsCarryTheirUsers(t *testing.T) {
	ctx, s := context.Background(), serviceContext()
	a, b, c := newUser(t, "u-a"), newUser(t, "u-b"), newUser(t, "u-c")
	for _, pair := range [][2]int64{{a, b}, {b, a}, {c, b}} {
		if _, err := NewRelationActionLogic(ctx, s).RelationAction(&pb.RelationActionReq{UserId: pair[0], ToUserId: pair[1], ActionType: 1}); err != nil {
			t.Fatal(err)
		}
	}
	// b's followers are c then a (most recent first); a follows b, c does not.
	followers, err := NewFollowerListLogic(ctx, s).FollowerList(&pb.UserReq{UserId: b, ViewerId: b})
	if err != nil || len(followers.Users) != 2 || followers.Users[0].Id != c || followers.Users[1].Id != a {
		t.Fatalf("b's followers: %v %v", followers, err)
	}
	if u := followers.Users[1]; !u.IsFollow || u.FollowCount != 1 || u.FollowerCount != 1 || u.Name == "" {
		t.Fatalf("a as b sees them: %v", u)
	}
	if followers.Users[0].IsFollow {
		t.Fatalf("b does not follow c: %v", followers.Users[0])
	}
	anonymous, err := NewFollowerListLogic(ctx, s).FollowerList(&pb.UserReq{UserId: b})
	if err != nil || anonymous.Users[1].IsFollow {
		t.Fatalf("anonymous viewers follow nobody: %v %v", anonymous, err)
	}
	following, err := NewFollowListLogic(ctx, s).FollowList(&pb.UserReq{UserId: a, ViewerId: c})
	if err != nil || len(following.Users) != 1 || following.Users[0].Id != b || !following.Users[0].IsFollow {
		t.Fatalf("a's follows as c sees them: %v %v", following, err)
	}

	friends, err := NewFriendListLogic(ctx, s).FriendList(&pb.UserReq{UserId: a, ViewerId: a})
	if err != nil || len(friends.Users) != 1 || friends.Users[0].Id != b || !friends.Users[0].IsFollow {
		t.Fatalf("a's friends: %v %v", friends, err)
	}

	videoID := newVideo(t, a)
	for _, who := range []int64{b, c, b} {
		if _, err := NewCommentActionLogic(ctx, s).CommentAction(&pb.CommentActionReq{UserId: who, VideoId: videoID, ActionType: 1, CommentText: "hi"}); err != nil {
			t.Fatal(err)
		}
	}
	comments, err := NewCommentListLogic(ctx, s).CommentList(&pb.CommentListReq{VideoId: videoID, ViewerId: a})
	if err != nil || len(comments.Comments) != 3 || len(comments.Users) != 2 {
		t.Fatalf("three comments by two people: %v %v", comments, err)
	}
	seen := map[int64]bool{}
	for _, u := range comments.Users {
		seen[u.Id] = u.IsFollow
	}
	if follows, ok := seen[b]; !ok || !follows {
		t.Fatalf("a follows commenter b: %v", comments.Users)
	}
	if follows, ok := seen[c]; !ok || follows {
		t.Fatalf("a does not follow commenter c: %v", comments.Users)
	}
	posted, err := NewCommentActionLogic(ctx, s).CommentAction(&pb.CommentActionReq{UserId: c, VideoId: videoID, ActionType: 1, CommentText: "again"})
	if err != nil || posted.User.GetId() != c || posted.User.IsFollow || posted.User.FollowCount != 1 {
		t.Fatalf("a posted comment carries its author: %v %v", posted, err)
	}
}

// A comment is committed before its author is read: when that read fails, the
// post still answers success (with the author's id), so the app does not post
// it twice.
func TestCommentPostAnswersWhenItsAuthorCannotBeRead(t *testing.T) {
	ctx, s := context.Background(), serviceContext()
	author := newUser(t, "c-unread")
	videoID := newVideo(t, author)
	// The same service, but the Redis that page reads use does not answer; the
	// comment, video and user models keep theirs.
	deadRedis := redis.New("127.0.0.1:1") // nothing listens there
	broken := *s
	broken.Pages = pages.New(deadRedis, deadRedis, s.User, s.Video, s.Follow, s.Likes)

	posted, err := NewCommentActionLogic(ctx, &broken).CommentAction(&pb.CommentActionReq{UserId: author, VideoId: videoID, ActionType: 1, CommentText: "kept"})
	if err != nil || posted.Comment.Content != "kept" || posted.User.GetId() != author {
		t.Fatalf("post with an unreadable author: %v %v", posted, err)
	}
	list, err := NewCommentListLogic(ctx, s).CommentList(&pb.CommentListReq{VideoId: videoID})
	if err != nil || len(list.Comments) != 1 || list.Users[0].Name == "" {
		t.Fatalf("the comment once Redis answers: %v %v", list, err)
	}
}
