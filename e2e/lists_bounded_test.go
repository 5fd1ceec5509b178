package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// The list maximums of rpc/social/etc/social.yaml (Lists).
const maxComments, maxUsers, maxMessages = 500, 1000, 500

// insertRows runs one multi-row insert per batch of rows.
func insertRows(t *testing.T, env *testenv.Env, head string, rows []string) {
	t.Helper()
	db := env.SQL(t)
	for len(rows) > 0 {
		n := min(len(rows), 500)
		if _, err := db.Exec(head + " values " + strings.Join(rows[:n], ",")); err != nil {
			t.Fatal(err)
		}
		rows = rows[n:]
	}
}

// 3,000 comments of 500 emoji are about 6 MB, more than gRPC's default 4 MiB
// answer: the comment list still answers, with the newest comments. They are
// written straight into MySQL (the API would take minutes); the last one goes
// through the API, which drops the cached list as any new comment does.
func TestCommentListOfAHugeThreadStillAnswers(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	uid, token := account(t, st, "flooder")
	videoID := aVideo(t, st, token)
	emoji := strings.Repeat("😀", 500)
	now := time.Now().UnixMilli() - 3_600_000
	rows := make([]string, 3000)
	for i := range rows {
		rows[i] = fmt.Sprintf("(%d, %d, '%s', %d)", videoID, uid, emoji, now+int64(i))
	}
	insertRows(t, env, "insert into `comment` (`video_id`, `user_id`, `content`, `created_at`)", rows)
	if _, err := env.SQL(t).Exec("update `video` set `comment_count` = `comment_count` + 3000 where `id` = ?", videoID); err != nil {
		t.Fatal(err)
	}
	last := st.Post(t, "/douyin/comment/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(videoID)},
		"action_type": {"1"}, "comment_text": {"the newest"}})
	if last.Code() != 0 {
		t.Fatalf("comment: %v", last)
	}

	r := st.Get(t, "/douyin/comment/list/", url.Values{"video_id": {fmt.Sprint(videoID)}, "token": {token}})
	list := r.List("comment_list")
	if r.Code() != 0 || len(list) != maxComments {
		t.Fatalf("comment list of 3,001 comments: status %d, %d comments, want %d (%s)", r.Code(), len(list), maxComments, r.Str("status_msg"))
	}
	if list[0].Int("id") != last.Obj("comment").Int("id") || list[1].Str("content") != emoji {
		t.Fatalf("not the newest first: %v, then %.40s", list[0], list[1].Str("content"))
	}
	for i := 1; i < len(list); i++ {
		if list[i].Int("id") >= list[i-1].Int("id") {
			t.Fatalf("comment %d (id %d) after id %d: not newest first", i, list[i].Int("id"), list[i-1].Int("id"))
		}
	}
	if n := commentCount(t, st, videoID); n != 3001 {
		t.Fatalf("comment_count %d, want 3001: the cap is on the list, not on the count", n)
	}
}

// A follower list longer than its maximum answers the newest followers.
func TestFollowerListIsItsNewestFollowers(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	star, _ := account(t, st, "star")
	stamp, now := time.Now().UnixNano()%1e9, time.Now().UnixMilli()-3_600_000
	users := make([]string, maxUsers+100)
	for i := range users {
		users[i] = fmt.Sprintf("('fan%d-%d', 'x', %d)", i, stamp, now)
	}
	insertRows(t, env, "insert into `user` (`username`, `password`, `created_at`)", users)
	first := env.QueryInt(t, "select min(id) from `user` where username like ?", fmt.Sprintf("fan%%-%d", stamp))
	follows := make([]string, len(users))
	for i := range follows {
		follows[i] = fmt.Sprintf("(%d, %d, %d)", first+int64(i), star, now+int64(i))
	}
	insertRows(t, env, "insert into `follow` (`user_id`, `to_user_id`, `created_at`)", follows)
	newest, newestToken := account(t, st, "newestfan")
	if r := st.Post(t, "/douyin/relation/action/", url.Values{"token": {newestToken}, "to_user_id": {fmt.Sprint(star)}, "action_type": {"1"}}); r.Code() != 0 {
		t.Fatalf("follow: %v", r)
	}
	r := st.Get(t, "/douyin/relation/follower/list/", url.Values{"user_id": {fmt.Sprint(star)}})
	list := r.List("user_list")
	if r.Code() != 0 || len(list) != maxUsers {
		t.Fatalf("follower list of %d: status %d, %d users, want %d", len(users)+1, r.Code(), len(list), maxUsers)
	}
	if list[0].Int("id") != newest || list[1].Int("id") != first+int64(len(users)-1) {
		t.Fatalf("not the newest first: %d, %d", list[0].Int("id"), list[1].Int("id"))
	}
}

// A whole chat history (pre_msg_time 0) is its newest messages, oldest first.
func TestChatHistoryIsItsNewestMessages(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	a, aToken := account(t, st, "talker")
	b, _ := account(t, st, "listener")
	lo, hi := min(a, b), max(a, b)
	now := time.Now().UnixMilli() - 3_600_000
	rows := make([]string, maxMessages+100)
	for i := range rows {
		rows[i] = fmt.Sprintf("(%d, %d, %d, %d, 'm%d', %d)", a, b, lo, hi, i, now+int64(i))
	}
	insertRows(t, env, "insert into `message` (`from_user_id`, `to_user_id`, `user_lo`, `user_hi`, `content`, `created_at`)", rows)
	if r := st.Post(t, "/douyin/message/action/", url.Values{"token": {aToken}, "to_user_id": {fmt.Sprint(b)},
		"action_type": {"1"}, "content": {"the latest"}}); r.Code() != 0 {
		t.Fatalf("send: %v", r)
	}
	r := st.Get(t, "/douyin/message/chat/", url.Values{"token": {aToken}, "to_user_id": {fmt.Sprint(b)}})
	list := r.List("message_list")
	if r.Code() != 0 || len(list) != maxMessages {
		t.Fatalf("chat of %d messages: status %d, %d messages, want %d", len(rows)+1, r.Code(), len(list), maxMessages)
	}
	if got, want := list[0].Str("content"), fmt.Sprintf("m%d", len(rows)+1-maxMessages); got != want || list[len(list)-1].Str("content") != "the latest" {
		t.Fatalf("first %q (want %q), last %q (want the latest)", got, want, list[len(list)-1].Str("content"))
	}
}
