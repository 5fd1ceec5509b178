package e2e

import (
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// aVideo publishes a video and answers its id.
func aVideo(t *testing.T, st *testenv.Stack, token string) int64 {
	t.Helper()
	if r := publish(t, st, map[string]string{"token": token, "title": "for comments"}, clip(t, 1), false); r.Code() != 0 {
		t.Fatalf("publish: %v", r)
	}
	feed := st.Get(t, "/douyin/feed/", nil)
	return feed.List("video_list")[0].Int("id")
}

func profile(t *testing.T, st *testenv.Stack, id int64) testenv.Reply {
	t.Helper()
	r := st.Get(t, "/douyin/user/", url.Values{"user_id": {fmt.Sprint(id)}})
	if r.Code() != 0 {
		t.Fatalf("profile %d: %v", id, r)
	}
	return r.Obj("user")
}

func commentCount(t *testing.T, st *testenv.Stack, videoID int64) int64 {
	t.Helper()
	list := st.Get(t, "/douyin/publish/list/", url.Values{"user_id": {fmt.Sprint(videoAuthor(t, videoID))}})
	for _, v := range list.List("video_list") {
		if v.Int("id") == videoID {
			return v.Int("comment_count")
		}
	}
	t.Fatalf("video %d not in its author's list", videoID)
	return 0
}

func videoAuthor(t *testing.T, videoID int64) int64 {
	return testenv.Get().QueryInt(t, "select author_id from video where id = ?", videoID)
}

func TestCommentsPostListDelete(t *testing.T) {
	st := testenv.Get().Stack(t)
	author, authorToken := account(t, st, "vauthor")
	commenter, commenterToken := account(t, st, "commenter")
	videoID := aVideo(t, st, authorToken)
	vid := fmt.Sprint(videoID)

	text := `<script>alert("hi")</script> & 'quotes' 你好`
	post := st.Post(t, "/douyin/comment/action/", url.Values{"token": {commenterToken}, "video_id": {vid},
		"action_type": {"1"}, "comment_text": {text}})
	c := post.Obj("comment")
	if post.Code() != 0 || c.Str("content") != text || c.Obj("user").Int("id") != commenter ||
		c.Str("create_date") != time.Now().Format("01-02") || c.Int("id") <= 0 {
		t.Fatalf("post: %v", post)
	}
	second := st.Post(t, "/douyin/comment/action/", url.Values{"token": {authorToken}, "video_id": {vid},
		"action_type": {"1"}, "comment_text": {"second"}})

	list := st.Get(t, "/douyin/comment/list/", url.Values{"video_id": {vid}}).List("comment_list")
	if len(list) != 2 || list[0].Int("id") != second.Obj("comment").Int("id") || list[1].Str("content") != text {
		t.Fatalf("list (newest first): %v", list)
	}
	if n := commentCount(t, st, videoID); n != 2 {
		t.Fatalf("comment_count %d, want 2", n)
	}

	// Only its author deletes a comment; a refusal changes nothing.
	del := url.Values{"token": {authorToken}, "video_id": {vid}, "action_type": {"2"}, "comment_id": {fmt.Sprint(c.Int("id"))}}
	if r := st.Post(t, "/douyin/comment/action/", del); r.Code() == 0 {
		t.Fatalf("the video's author deleted another's comment: %v", r)
	}
	if n := len(st.Get(t, "/douyin/comment/list/", url.Values{"video_id": {vid}}).List("comment_list")); n != 2 || commentCount(t, st, videoID) != 2 {
		t.Fatal("a refused delete changed something")
	}
	del.Set("token", commenterToken)
	r := st.Post(t, "/douyin/comment/action/", del)
	if r.Code() != 0 || r.Obj("comment").Int("id") != c.Int("id") || r.Obj("comment").Str("content") != text {
		t.Fatalf("delete: %v", r)
	}
	if r := st.Post(t, "/douyin/comment/action/", del); r.Code() == 0 {
		t.Fatal("a deleted comment was deleted again")
	}
	if n := commentCount(t, st, videoID); n != 1 {
		t.Fatalf("comment_count %d after delete, want 1", n)
	}
	_ = author

	for what, params := range map[string]url.Values{
		"empty text":     {"token": {commenterToken}, "video_id": {vid}, "action_type": {"1"}, "comment_text": {"  "}},
		"unknown video":  {"token": {commenterToken}, "video_id": {"99999999"}, "action_type": {"1"}, "comment_text": {"x"}},
		"unknown action": {"token": {commenterToken}, "video_id": {vid}, "action_type": {"3"}, "comment_text": {"x"}},
		"no token":       {"video_id": {vid}, "action_type": {"1"}, "comment_text": {"x"}},
	} {
		if r := st.Post(t, "/douyin/comment/action/", params); r.Code() == 0 {
			t.Errorf("%s accepted", what)
		}
	}
	if n := commentCount(t, st, videoID); n != 1 {
		t.Fatalf("refusals changed comment_count to %d", n)
	}
}

func TestConcurrentCommentsKeepTheCountExact(t *testing.T) {
	st := testenv.Get().Stack(t)
	_, token := account(t, st, "busy")
	videoID := aVideo(t, st, token)
	const posts = 40
	var wg sync.WaitGroup
	ids := make(chan int64, posts)
	for i := 0; i < posts; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := st.Post(t, "/douyin/comment/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(videoID)},
				"action_type": {"1"}, "comment_text": {fmt.Sprintf("c%d", i)}})
			ids <- r.Obj("comment").Int("id")
		}(i)
	}
	wg.Wait()
	close(ids)
	// Delete half of them concurrently, each twice.
	i := 0
	for id := range ids {
		if i++; i%2 == 0 {
			continue
		}
		for j := 0; j < 2; j++ {
			wg.Add(1)
			go func(id int64) {
				defer wg.Done()
				st.Post(t, "/douyin/comment/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(videoID)},
					"action_type": {"2"}, "comment_id": {fmt.Sprint(id)}})
			}(id)
		}
	}
	wg.Wait()
	want := int64(posts / 2)
	if n := commentCount(t, st, videoID); n != want {
		t.Fatalf("comment_count %d, want %d", n, want)
	}
	if n := int64(len(st.Get(t, "/douyin/comment/list/", url.Values{"video_id": {fmt.Sprint(videoID)}}).List("comment_list"))); n != want {
		t.Fatalf("%d comments listed, want %d", n, want)
	}
	if n := testenv.Get().QueryInt(t, "select comment_count from video where id = ?", videoID); n != want {
		t.Fatalf("MySQL comment_count %d, want %d", n, want)
	}
}

func TestFollowsCountsListsAndFriends(t *testing.T) {
	st := testenv.Get().Stack(t)
	a, aToken := account(t, st, "fa")
	b, bToken := account(t, st, "fb")
	c, cToken := account(t, st, "fc")
	follow := func(token string, to int64, action string) testenv.Reply {
		return st.Post(t, "/douyin/relation/action/", url.Values{"token": {token}, "to_user_id": {fmt.Sprint(to)}, "action_type": {action}})
	}
	// Following twice (even at once) counts once.
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); follow(aToken, b, "1") }()
	}
	wg.Wait()
	if r := follow(aToken, b, "1"); r.Code() != 0 {
		t.Fatalf("a repeated follow is not a success: %v", r)
	}
	if pa, pb := profile(t, st, a), profile(t, st, b); pa.Int("follow_count") != 1 || pb.Int("follower_count") != 1 {
		t.Fatalf("counts after follow: %v %v", pa, pb)
	}
	follow(cToken, b, "1")
	follow(bToken, a, "1") // a and b are friends now

	followers := st.Get(t, "/douyin/relation/follower/list/", url.Values{"user_id": {fmt.Sprint(b)}, "token": {aToken}}).List("user_list")
	if len(followers) != 2 || followers[0].Int("id") != c || followers[1].Int("id") != a {
		t.Fatalf("b's followers (most recent first): %v", followers)
	}
	// is_follow is the viewer's: a does not follow c, nor itself.
	if followers[0]["is_follow"] != false || followers[1]["is_follow"] != false {
		t.Fatalf("is_follow as seen by a: %v", followers)
	}
	// Every user of a list is a whole User object with its counts (the lists come
	// with their users from the social service).
	if u := followers[1]; u.Int("follow_count") != 1 || u.Int("follower_count") != 1 || u.Str("name") == "" {
		t.Fatalf("a in b's followers: %v", u)
	}
	for _, u := range followers {
		wantUserKeys(t, u)
	}
	following := st.Get(t, "/douyin/relation/follow/list/", url.Values{"user_id": {fmt.Sprint(a)}, "token": {cToken}}).List("user_list")
	if len(following) != 1 || following[0].Int("id") != b || following[0]["is_follow"] != true {
		t.Fatalf("a's follow list as seen by c: %v", following)
	}

	st.Post(t, "/douyin/message/action/", url.Values{"token": {aToken}, "to_user_id": {fmt.Sprint(b)}, "action_type": {"1"}, "content": {"hi b"}})
	friendsOf := func(token string) []testenv.Reply {
		r := st.Get(t, "/douyin/relation/friend/list/", url.Values{"token": {token}})
		if r.Code() != 0 {
			t.Fatalf("friend list: %v", r)
		}
		return r.List("user_list")
	}
	fa, fb := friendsOf(aToken), friendsOf(bToken)
	if len(fa) != 1 || fa[0].Int("id") != b || fa[0].Str("message") != "hi b" || fa[0].Int("msgType") != 1 {
		t.Fatalf("a's friends: %v", fa)
	}
	if len(fb) != 1 || fb[0].Int("id") != a || fb[0].Str("message") != "hi b" || fb[0].Int("msgType") != 0 {
		t.Fatalf("b's friends: %v", fb)
	}
	wantUserKeys(t, fa[0])
	if fa[0].Int("follower_count") != 2 || fa[0].Int("follow_count") != 1 || fa[0]["is_follow"] != true {
		t.Fatalf("b as a's friend: %v", fa[0])
	}
	if len(friendsOf(cToken)) != 0 {
		t.Fatal("c has friends")
	}
	if r := st.Get(t, "/douyin/relation/friend/list/", url.Values{"user_id": {fmt.Sprint(a)}, "token": {cToken}}); r.Code() == 0 {
		t.Fatal("c read a's friend list (with a's latest messages)")
	}

	// Unfollowing twice counts once; refusals change nothing.
	follow(aToken, b, "2")
	follow(aToken, b, "2")
	for what, r := range map[string]testenv.Reply{
		"self":           follow(aToken, a, "1"),
		"unknown user":   follow(aToken, 99999999, "1"),
		"unknown action": follow(aToken, c, "5"),
	} {
		if r.Code() == 0 {
			t.Errorf("following %s accepted", what)
		}
	}
	if pa, pb := profile(t, st, a), profile(t, st, b); pa.Int("follow_count") != 0 || pb.Int("follower_count") != 1 {
		t.Fatalf("counts after unfollow: %v %v", pa, pb)
	}
	if n := len(friendsOf(aToken)); n != 0 {
		t.Fatalf("still %d friends after an unfollow", n)
	}
}

func TestChatPollingSeesEachMessageOnce(t *testing.T) {
	st := testenv.Get().Stack(t)
	a, aToken := account(t, st, "ca")
	b, bToken := account(t, st, "cb")
	_, cToken := account(t, st, "cc")
	send := func(token string, to int64, content string) testenv.Reply {
		return st.Post(t, "/douyin/message/action/", url.Values{"token": {token}, "to_user_id": {fmt.Sprint(to)},
			"action_type": {"1"}, "content": {content}})
	}
	chat := func(token string, with int64, pre int64) []testenv.Reply {
		r := st.Get(t, "/douyin/message/chat/", url.Values{"token": {token}, "to_user_id": {fmt.Sprint(with)}, "pre_msg_time": {fmt.Sprint(pre)}})
		if r.Code() != 0 {
			t.Fatalf("chat: %v", r)
		}
		return r.List("message_list")
	}
	// A burst of messages in both directions, some in the same millisecond.
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func(i int) { defer wg.Done(); send(aToken, b, fmt.Sprintf("a%d", i)) }(i)
		go func(i int) { defer wg.Done(); send(bToken, a, fmt.Sprintf("b%d", i)) }(i)
	}
	wg.Wait()
	all := chat(aToken, b, 0)
	if len(all) != 20 {
		t.Fatalf("%d messages, want 20", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Int("create_time") <= all[i-1].Int("create_time") {
			t.Fatalf("not oldest first with unique times: %v then %v", all[i-1], all[i])
		}
	}
	// Polling from the last time seen answers only what is new, once.
	last := all[len(all)-1].Int("create_time")
	if n := len(chat(bToken, a, last)); n != 0 {
		t.Fatalf("an empty poll answered %d messages", n)
	}
	send(bToken, a, "new")
	got := chat(aToken, b, last)
	if len(got) != 1 || got[0].Str("content") != "new" || got[0].Int("from_user_id") != b || got[0].Int("to_user_id") != a {
		t.Fatalf("poll after one message: %v", got)
	}
	if len(chat(aToken, b, got[0].Int("create_time"))) != 0 {
		t.Fatal("a message was answered twice")
	}
	// pre_msg_time in seconds: everything after that second.
	sec := all[0].Int("create_time")/1000 - 1
	if n := len(chat(aToken, b, sec)); n != 21 {
		t.Fatalf("poll with seconds answered %d, want 21", n)
	}
	// Nobody reads a chat they are not part of: c sees only c's conversation with a.
	if n := len(chat(cToken, a, 0)); n != 0 {
		t.Fatalf("c read %d messages of a and b", n)
	}
	for what, r := range map[string]testenv.Reply{
		"to oneself":     send(aToken, a, "me"),
		"empty":          send(aToken, b, " "),
		"unknown user":   send(aToken, 99999999, "x"),
		"unknown action": st.Post(t, "/douyin/message/action/", url.Values{"token": {aToken}, "to_user_id": {fmt.Sprint(b)}, "action_type": {"2"}, "content": {"x"}}),
	} {
		if r.Code() == 0 {
			t.Errorf("a message %s was accepted", what)
		}
	}
	if n := len(chat(aToken, b, 0)); n != 21 {
		t.Fatalf("refused messages changed the chat: %d", n)
	}
}
