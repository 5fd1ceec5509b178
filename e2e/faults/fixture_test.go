package faults

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// user is an account of the fixture.
type user struct {
	id    int64
	token string
}

// fixture is what both tests use: for each, its own authors, fans and videos.
type fixture struct {
	freeze, stall *world
}

// world is one test's users and videos, and the likes the gateway acknowledged.
type world struct {
	authors []user
	fans    []user
	videos  []int64         // newest last
	author  map[int64]int64 // video → author id

	mu    sync.Mutex
	liked map[int64]map[int64]bool // fan → video → liked, as acknowledged
}

func newFixture(t *testing.T, st *testenv.Stack) *fixture {
	return &fixture{freeze: newWorld(t, st, "frz", 2, 4, 3), stall: newWorld(t, st, "stl", 2, 4, 3)}
}

func newWorld(t *testing.T, st *testenv.Stack, prefix string, authors, fans, videosPerAuthor int) *world {
	w := &world{author: map[int64]int64{}, liked: map[int64]map[int64]bool{}}
	for i := 0; i < authors; i++ {
		w.authors = append(w.authors, account(t, st, fmt.Sprintf("%sa%d", prefix, i)))
	}
	for i := 0; i < fans; i++ {
		f := account(t, st, fmt.Sprintf("%sf%d", prefix, i))
		w.fans = append(w.fans, f)
		w.liked[f.id] = map[int64]bool{}
	}
	db := testenv.Get().SQL(t)
	for _, a := range w.authors {
		for j := 0; j < videosPerAuthor; j++ {
			res, err := db.Exec("insert into `video` (`author_id`, `title`, `play_key`, `created_at`, `process_state`) "+
				"values (?, ?, 'demo/play.mp4', ?, 'done')", a.id, fmt.Sprintf("%s-%d-%d", prefix, a.id, j),
				time.Now().UnixMilli())
			if err != nil {
				t.Fatal(err)
			}
			id, _ := res.LastInsertId()
			w.videos = append(w.videos, id)
			w.author[id] = a.id
		}
	}
	return w
}

func account(t *testing.T, st *testenv.Stack, prefix string) user {
	t.Helper()
	name := fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1e8)
	r := st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"pw123456"}})
	if r.Code() != 0 || r.Int("user_id") <= 0 {
		t.Fatalf("register %s: %v", name, r)
	}
	return user{id: r.Int("user_id"), token: r.Str("token")}
}

// like sends a like (true) or an unlike and records it when acknowledged.
func (w *world) like(st *testenv.Stack, fan user, video int64, on bool) (testenv.Reply, error) {
	action := "2"
	if on {
		action = "1"
	}
	r, _, err := send(st, http.MethodPost, "/douyin/favorite/action/", url.Values{"token": {fan.token},
		"video_id": {fmt.Sprint(video)}, "action_type": {action}})
	if err == nil && r.Code() == 0 {
		w.mu.Lock()
		w.liked[fan.id][video] = on
		w.mu.Unlock()
	}
	return r, err
}

// expected are the counts the acknowledged likes imply.
type expected struct {
	video     map[int64]int64 // favorite_count of each video
	favorite  map[int64]int64 // favorite_count of each user
	favorited map[int64]int64 // total_favorited of each user
	liked     map[int64]map[int64]bool
}

func (w *world) expected() expected {
	w.mu.Lock()
	defer w.mu.Unlock()
	e := expected{video: map[int64]int64{}, favorite: map[int64]int64{}, favorited: map[int64]int64{},
		liked: map[int64]map[int64]bool{}}
	for _, f := range w.fans {
		e.liked[f.id] = map[int64]bool{}
		for v, on := range w.liked[f.id] {
			if on {
				e.liked[f.id][v] = true
				e.video[v]++
				e.favorite[f.id]++
				e.favorited[w.author[v]]++
			}
		}
	}
	return e
}

// checkReads reads every count, heart and favorite list of w through the
// gateway and answers what differs from what the acknowledged likes imply.
func (w *world) checkReads(t *testing.T, st *testenv.Stack) []string {
	t.Helper()
	e := w.expected()
	var wrong []string
	seen := map[int64]bool{}
	checkVideo := func(where string, v testenv.Reply, viewer int64) {
		id := v.Int("id")
		if _, ours := w.author[id]; !ours {
			return
		}
		seen[id] = true
		if got := v.Int("favorite_count"); got != e.video[id] {
			wrong = append(wrong, fmt.Sprintf("%s: video %d favorite_count %d, want %d", where, id, got, e.video[id]))
		}
		if viewer != 0 {
			if got, _ := v["is_favorite"].(bool); got != e.liked[viewer][id] {
				wrong = append(wrong, fmt.Sprintf("%s: video %d is_favorite %v for %d, want %v", where, id, got, viewer,
					e.liked[viewer][id]))
			}
		}
	}
	for _, f := range w.fans {
		feed := st.Get(t, "/douyin/feed/", url.Values{"token": {f.token}})
		for _, v := range feed.List("video_list") {
			checkVideo("feed", v, f.id)
		}
		list := st.Get(t, "/douyin/favorite/list/", url.Values{"token": {f.token}, "user_id": {fmt.Sprint(f.id)}})
		got := map[int64]bool{}
		for _, v := range list.List("video_list") {
			got[v.Int("id")] = true
			checkVideo("favorite list", v, f.id)
		}
		if len(got) != len(e.liked[f.id]) {
			wrong = append(wrong, fmt.Sprintf("favorite list of %d: %d videos, want %d", f.id, len(got), len(e.liked[f.id])))
		}
		for v := range e.liked[f.id] {
			if !got[v] {
				wrong = append(wrong, fmt.Sprintf("favorite list of %d lacks video %d", f.id, v))
			}
		}
	}
	for _, a := range w.authors {
		list := st.Get(t, "/douyin/publish/list/", url.Values{"token": {w.fans[0].token}, "user_id": {fmt.Sprint(a.id)}})
		for _, v := range list.List("video_list") {
			checkVideo("publish list", v, w.fans[0].id)
		}
	}
	for _, v := range w.videos {
		if !seen[v] {
			wrong = append(wrong, fmt.Sprintf("video %d was in no list", v))
		}
	}
	for _, u := range append(append([]user{}, w.authors...), w.fans...) {
		r := st.Get(t, "/douyin/user/", url.Values{"user_id": {fmt.Sprint(u.id)}, "token": {u.token}})
		got := r.Obj("user")
		if got.Int("favorite_count") != e.favorite[u.id] || got.Int("total_favorited") != e.favorited[u.id] {
			wrong = append(wrong, fmt.Sprintf("user %d: favorite_count %d total_favorited %d, want %d %d", u.id,
				got.Int("favorite_count"), got.Int("total_favorited"), e.favorite[u.id], e.favorited[u.id]))
		}
	}
	return wrong
}

// mysqlCountsMatch tells whether MySQL's counters and shard rows hold exactly
// what the acknowledged likes imply (the worker drained them).
func (w *world) mysqlCountsMatch(t *testing.T) bool {
	env := testenv.Get()
	e := w.expected()
	for _, v := range w.videos {
		if env.QueryInt(t, "select `favorite_count` from `video` where `id` = ?", v) != e.video[v] {
			return false
		}
	}
	for _, u := range append(append([]user{}, w.authors...), w.fans...) {
		if env.QueryInt(t, "select `favorite_count` from `user` where `id` = ?", u.id) != e.favorite[u.id] ||
			env.QueryInt(t, "select `total_favorited` from `user` where `id` = ?", u.id) != e.favorited[u.id] {
			return false
		}
	}
	for _, f := range w.fans {
		table := fmt.Sprintf("favorite_%02d", f.id%int64(env.LikeShards))
		if env.QueryInt(t, "select count(*) from `"+table+"` where `user_id` = ? and `liked` = 1", f.id) !=
			int64(len(e.liked[f.id])) {
			return false
		}
	}
	return true
}

// client answers within its timeout, whatever the servers do: a request that
// hangs is counted, not waited for.
var client = &http.Client{Timeout: 10 * time.Second}

// send makes one request and answers the reply, how long it took, and a
// transport error (a hang past the client's timeout among them).
func send(st *testenv.Stack, method, path string, params url.Values) (testenv.Reply, time.Duration, error) {
	start := time.Now()
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = client.Post(st.URL(path), "application/x-www-form-urlencoded", strings.NewReader(params.Encode()))
	} else {
		resp, err = client.Get(st.URL(path) + "?" + params.Encode())
	}
	if err != nil {
		return nil, time.Since(start), err
	}
	defer resp.Body.Close()
	var r testenv.Reply
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber() // as testenv.Reply reads numbers
	if err := dec.Decode(&r); err != nil {
		return nil, time.Since(start), fmt.Errorf("HTTP %d, undecodable answer: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		return r, time.Since(start), fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return r, time.Since(start), nil
}
