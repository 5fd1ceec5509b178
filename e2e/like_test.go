package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// insertVideo adds a video of author straight to MySQL (publishing is another
// test's business) and answers its id.
func insertVideo(t *testing.T, author int64, title string) int64 {
	t.Helper()
	return testenv.Get().InsertVideo(t, author, title)
}

func like(t *testing.T, st *testenv.Stack, token string, video int64, action string) testenv.Reply {
	t.Helper()
	return st.Post(t, "/douyin/favorite/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(video)},
		"action_type": {action}})
}

// userCounts reads favorite_count and total_favorited of id through the gateway.
func userCounts(t *testing.T, st *testenv.Stack, id int64) (favorite, favorited int64) {
	t.Helper()
	r := st.Get(t, "/douyin/user/", url.Values{"user_id": {fmt.Sprint(id)}})
	if r.Code() != 0 {
		t.Fatalf("user info %d: %v", id, r)
	}
	return r.Obj("user").Int("favorite_count"), r.Obj("user").Int("total_favorited")
}

// waitRows waits until the like shard holds want liked rows of user.
func waitRows(t *testing.T, user, want int64) {
	t.Helper()
	env := testenv.Get()
	table := fmt.Sprintf("favorite_%02d", user%int64(env.LikeShards))
	deadline := time.Now().Add(40 * time.Second) // the flush delay is 10 s
	for {
		n := env.QueryInt(t, fmt.Sprintf("select count(*) from `%s` where `user_id` = ? and `liked` = 1", table), user)
		if n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s has %d liked rows of user %d, want %d", table, n, user, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// A like shows at once everywhere (heart, counts, favorite list), and after the
// flush it is in the user's shard table with the MySQL counters.
func TestLikeShowsAtOnceAndReachesTheShard(t *testing.T) {
	st := testenv.Get().Stack(t)
	author, _ := account(t, st, "liked")
	fan, fanToken := account(t, st, "fan")
	v1 := insertVideo(t, author, "first")
	v2 := insertVideo(t, author, "second")

	for _, v := range []int64{v1, v2, v2} { // the second like of v2 changes nothing
		if r := like(t, st, fanToken, v, "1"); r.Code() != 0 {
			t.Fatalf("like %d: %v", v, r)
		}
	}
	if fav, _ := userCounts(t, st, fan); fav != 2 {
		t.Fatalf("fan favorite_count = %d, want 2", fav)
	}
	if _, favd := userCounts(t, st, author); favd != 2 {
		t.Fatalf("author total_favorited = %d, want 2", favd)
	}
	// The feed shows the heart and the count (the videos are the newest).
	feed := st.Get(t, "/douyin/feed/", url.Values{"token": {fanToken}})
	seen := 0
	for _, v := range feed.List("video_list") {
		if id := v.Int("id"); id == v1 || id == v2 {
			seen++
			if v["is_favorite"] != true || v.Int("favorite_count") != 1 {
				t.Errorf("feed video %d: is_favorite %v, favorite_count %d", id, v["is_favorite"], v.Int("favorite_count"))
			}
		}
	}
	if feed.Code() != 0 || seen != 2 {
		t.Fatalf("feed does not show both liked videos: %v", feed)
	}
	list := st.Get(t, "/douyin/favorite/list/", url.Values{"user_id": {fmt.Sprint(fan)}, "token": {fanToken}})
	if list.Code() != 0 {
		t.Fatalf("favorite list: %v", list)
	}
	videos := list.List("video_list")
	if len(videos) != 2 || videos[0].Int("id") != v2 || videos[1].Int("id") != v1 {
		t.Fatalf("favorite list (most recently liked first) = %v, want %d, %d", videos, v2, v1)
	}
	for _, v := range videos {
		if v["is_favorite"] != true || v.Int("favorite_count") != 1 || v.Obj("author").Int("total_favorited") != 2 {
			t.Fatalf("favorite list video: %v", v)
		}
	}
	// Anonymous viewers see the counts but no heart.
	anon := st.Get(t, "/douyin/favorite/list/", url.Values{"user_id": {fmt.Sprint(fan)}})
	if anon.Code() != 0 || len(anon.List("video_list")) != 2 || anon.List("video_list")[0]["is_favorite"] != false {
		t.Fatalf("anonymous favorite list: %v", anon)
	}

	// Unlike v1: gone from the list, counts down, at once.
	if r := like(t, st, fanToken, v1, "2"); r.Code() != 0 {
		t.Fatalf("unlike: %v", r)
	}
	if r := like(t, st, fanToken, v1, "2"); r.Code() != 0 { // unliking an unliked video changes nothing
		t.Fatalf("second unlike: %v", r)
	}
	list = st.Get(t, "/douyin/favorite/list/", url.Values{"user_id": {fmt.Sprint(fan)}, "token": {fanToken}})
	if got := list.List("video_list"); len(got) != 1 || got[0].Int("id") != v2 {
		t.Fatalf("favorite list after unlike: %v", list)
	}
	if fav, _ := userCounts(t, st, fan); fav != 1 {
		t.Fatalf("fan favorite_count after unlike = %d, want 1", fav)
	}

	// After the flush the like is a row of the fan's shard and in the counters.
	waitRows(t, fan, 1)
	env := testenv.Get()
	deadline := time.Now().Add(10 * time.Second)
	for env.QueryInt(t, "select `favorite_count` from `user` where `id` = ?", fan) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("user.favorite_count was not flushed")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := env.QueryInt(t, "select `favorite_count` from `video` where `id` = ?", v2); n != 1 {
		t.Fatalf("video.favorite_count = %d after the flush, want 1", n)
	}
	if n := env.QueryInt(t, "select `total_favorited` from `user` where `id` = ?", author); n != 1 {
		t.Fatalf("author total_favorited = %d after the flush, want 1", n)
	}
	// And readers still see exactly one like.
	if fav, _ := userCounts(t, st, fan); fav != 1 {
		t.Fatalf("fan favorite_count after the flush = %d, want 1", fav)
	}
	if _, favd := userCounts(t, st, author); favd != 1 {
		t.Fatalf("author total_favorited after the flush = %d, want 1", favd)
	}
}

func TestLikeRefusals(t *testing.T) {
	st := testenv.Get().Stack(t)
	author, token := account(t, st, "refuse")
	v := insertVideo(t, author, "refusals")
	for what, params := range map[string]url.Values{
		"no token":      {"video_id": {fmt.Sprint(v)}, "action_type": {"1"}},
		"action_type 3": {"token": {token}, "video_id": {fmt.Sprint(v)}, "action_type": {"3"}},
		"unknown video": {"token": {token}, "video_id": {"987654321"}, "action_type": {"1"}},
		"no video_id":   {"token": {token}, "action_type": {"1"}},
		"bad video_id":  {"token": {token}, "video_id": {"1.5"}, "action_type": {"1"}},
	} {
		if r := st.Post(t, "/douyin/favorite/action/", params); r.Code() == 0 || r.Str("status_msg") == "" {
			t.Errorf("favorite action with %s: %v", what, r)
		}
	}
	if fav, _ := userCounts(t, st, author); fav != 0 {
		t.Fatalf("refused actions changed favorite_count to %d", fav)
	}
	if r := st.Get(t, "/douyin/favorite/list/", url.Values{"user_id": {"987654321"}}); r.Code() == 0 {
		t.Fatalf("favorite list of an unknown user: %v", r)
	}
	if r := st.Get(t, "/douyin/favorite/list/", url.Values{"user_id": {fmt.Sprint(author)}}); r.Code() != 0 ||
		r.List("video_list") == nil || len(r.List("video_list")) != 0 {
		t.Fatalf("empty favorite list: %v", r)
	}
}

// The worker is killed with likes pending and started again: the likes reach
// MySQL, once.
func TestLikesSurviveAWorkerRestart(t *testing.T) {
	st := testenv.Get().Stack(t)
	author, _ := account(t, st, "restart")
	fan, token := account(t, st, "restartfan")
	videos := []int64{insertVideo(t, author, "r1"), insertVideo(t, author, "r2"), insertVideo(t, author, "r3")}
	st.Kill("douyin-mq")
	for _, v := range videos {
		if r := like(t, st, token, v, "1"); r.Code() != 0 {
			t.Fatalf("like while the worker is down: %v", r)
		}
	}
	if fav, _ := userCounts(t, st, fan); fav != 3 {
		t.Fatalf("favorite_count with the worker down = %d, want 3", fav)
	}
	st.Restart(t, "douyin-mq")
	waitRows(t, fan, 3)
	env := testenv.Get()
	deadline := time.Now().Add(10 * time.Second)
	for env.QueryInt(t, "select `total_favorited` from `user` where `id` = ?", author) != 3 {
		if time.Now().After(deadline) {
			t.Fatal("total_favorited was not flushed")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if fav, favd := userCounts(t, st, fan); fav != 3 || favd != 0 {
		t.Fatalf("fan counts after the flush: %d, %d", fav, favd)
	}
	if _, favd := userCounts(t, st, author); favd != 3 {
		t.Fatalf("author total_favorited after the flush = %d, want 3", favd)
	}
}

// asynqmon is served on the admin address, behind the configured credentials.
func TestAsynqmonNeedsCredentials(t *testing.T) {
	st := testenv.Get().Stack(t)
	base := fmt.Sprintf("http://127.0.0.1:%d/asynqmon/", st.Ports["admin"])
	var resp *http.Response
	var err error
	deadline := time.Now().Add(20 * time.Second)
	for resp, err = http.Get(base); err != nil && time.Now().Before(deadline); resp, err = http.Get(base) {
		time.Sleep(200 * time.Millisecond) // the worker may still be starting
	}
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("asynqmon without credentials: %s", resp.Status)
	}
	req, _ := http.NewRequest(http.MethodGet, base, nil)
	req.SetBasicAuth(st.AdminUser, st.AdminPassword)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("asynqmon with credentials: %s", resp.Status)
	}
}
