package replicas

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// The services whose second instance (or first) the test stops.
var services = []string{"user-rpc", "video-rpc", "social-rpc"}

const (
	loaders   = 4
	poolSize  = 4000                  // videos to like and users to follow, more than the load uses
	pace      = 40 * time.Millisecond // between two rounds of a loader
	crashOver = 2 * time.Second       // after a kill -9, requests may fail this long
)

// call is one request of the load: what it did and how it ended.
type call struct {
	op         string
	start, end time.Time
	failure    string // "" when it succeeded (HTTP 200, status_code 0)
}

// load is the state of a run: the users that act, the objects they act on,
// and what the gateway acknowledged.
type load struct {
	st      *testenv.Stack
	client  *http.Client
	users   []user
	videos  []int64 // to like, each at most once
	targets []int64 // to follow and write to, each at most once
	next    atomic.Int64

	mu             sync.Mutex
	calls          []call
	likes, follows map[[2]int64]bool // acknowledged (user, video) and (user, to_user)
	comments       []int64           // acknowledged comment ids
	messages       []string          // acknowledged message contents
	stop           chan struct{}
	done           sync.WaitGroup
	commentVideo   int64
}

type user struct {
	id    int64
	token string
}

// newLoad registers the acting users through the gateway and inserts the
// videos and the users to follow straight into MySQL (what they are is other
// tests' business).
func newLoad(t *testing.T, st *testenv.Stack) *load {
	l := &load{st: st, client: &http.Client{Timeout: 10 * time.Second},
		likes: map[[2]int64]bool{}, follows: map[[2]int64]bool{}}
	db := testenv.Get().SQL(t)
	now := time.Now().UnixMilli()
	stamp := now % 1e9
	for i := 0; i < loaders; i++ {
		r := st.Post(t, "/douyin/user/register/", url.Values{"username": {fmt.Sprintf("rep%d-%d", i, stamp)},
			"password": {"pw123456"}})
		if r.Code() != 0 {
			t.Fatalf("register: %v", r)
		}
		l.users = append(l.users, user{r.Int("user_id"), r.Str("token")})
	}
	var users, videos []string
	for i := 0; i < poolSize; i++ {
		users = append(users, fmt.Sprintf("('target%d-%d', 'x', %d)", i, stamp, now))
		videos = append(videos, fmt.Sprintf("(%d, 'replica %d', 'demo/play.mp4', %d)", l.users[0].id, i, now-int64(i)))
	}
	res, err := db.Exec("insert into `user` (`username`, `password`, `created_at`) values " + strings.Join(users, ","))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := res.LastInsertId() // the first id of a multi-row insert
	if res, err = db.Exec("insert into `video` (`author_id`, `title`, `play_key`, `created_at`) values " +
		strings.Join(videos, ",")); err != nil {
		t.Fatal(err)
	}
	firstVideo, _ := res.LastInsertId()
	for i := int64(0); i < poolSize; i++ {
		l.targets = append(l.targets, first+i)
		l.videos = append(l.videos, firstVideo+i)
	}
	l.commentVideo = l.videos[0]
	return l
}

// do sends one request as the app does (parameters in the query string) and
// records it; it answers the decoded reply when it succeeded.
func (l *load) do(method, path string, params url.Values) map[string]any {
	c := call{op: method + " " + path, start: time.Now()}
	reply, failure := l.send(method, path, params)
	c.end, c.failure = time.Now(), failure
	l.mu.Lock()
	l.calls = append(l.calls, c)
	l.mu.Unlock()
	if failure != "" {
		return nil
	}
	return reply
}

func (l *load) send(method, path string, params url.Values) (map[string]any, string) {
	req, err := http.NewRequest(method, l.st.URL(path)+"?"+params.Encode(), nil)
	if err != nil {
		return nil, err.Error()
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, resp.Status
	}
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	var reply map[string]any
	if err := dec.Decode(&reply); err != nil {
		return nil, "not JSON: " + err.Error()
	}
	if code := fmt.Sprint(reply["status_code"]); code != "0" {
		return nil, fmt.Sprintf("status_code %s: %v", code, reply["status_msg"])
	}
	return reply, ""
}

// round is what one app user does: read the feed and a profile, like a video,
// comment, follow someone and write to them.
func (l *load) round(u user) {
	token := url.Values{"token": {u.token}}
	l.do(http.MethodGet, "/douyin/feed/", token)
	l.do(http.MethodGet, "/douyin/user/", url.Values{"token": {u.token}, "user_id": {fmt.Sprint(u.id)}})
	i := l.next.Add(1) - 1
	if i >= poolSize {
		return // the pools are used up: the run is longer than planned
	}
	video, target := l.videos[i], l.targets[i]
	liked := l.do(http.MethodPost, "/douyin/favorite/action/", url.Values{"token": {u.token},
		"video_id": {fmt.Sprint(video)}, "action_type": {"1"}}) != nil
	comment := l.do(http.MethodPost, "/douyin/comment/action/", url.Values{"token": {u.token},
		"video_id": {fmt.Sprint(l.commentVideo)}, "action_type": {"1"}, "comment_text": {fmt.Sprintf("round %d", i)}})
	followed := l.do(http.MethodPost, "/douyin/relation/action/", url.Values{"token": {u.token},
		"to_user_id": {fmt.Sprint(target)}, "action_type": {"1"}}) != nil
	content := fmt.Sprintf("message %d of %d", i, u.id)
	sent := l.do(http.MethodPost, "/douyin/message/action/", url.Values{"token": {u.token},
		"to_user_id": {fmt.Sprint(target)}, "action_type": {"1"}, "content": {content}}) != nil

	l.mu.Lock()
	defer l.mu.Unlock()
	if liked {
		l.likes[[2]int64{u.id, video}] = true
	}
	if comment != nil {
		id, _ := comment["comment"].(map[string]any)["id"].(json.Number).Int64()
		l.comments = append(l.comments, id)
	}
	if followed {
		l.follows[[2]int64{u.id, target}] = true
	}
	if sent {
		l.messages = append(l.messages, content)
	}
}

// start runs the loaders until finish.
func (l *load) start() {
	l.stop = make(chan struct{})
	for _, u := range l.users {
		l.done.Add(1)
		go func(u user) {
			defer l.done.Done()
			tick := time.NewTicker(pace)
			defer tick.Stop()
			for {
				select {
				case <-l.stop:
					return
				case <-tick.C:
					l.round(u)
				}
			}
		}(u)
	}
}

// finish stops the loaders and answers the calls of this run.
func (l *load) finish() []call {
	close(l.stop)
	l.done.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	calls := l.calls
	l.calls = nil
	return calls
}

// settle waits until every instance of every service is registered and a round
// of each user succeeds in full (the gateway has found them all).
func (l *load) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		for _, u := range l.users {
			l.round(u)
		}
		calls := l.finish()
		failed := 0
		for _, c := range calls {
			if c.failure != "" {
				failed++
			}
		}
		if failed == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the stack does not answer: %d of %d calls failed, e.g. %+v", failed, len(calls), calls[0])
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitRegistered waits until the instances of service registered in etcd
// (key user.rpc for user-rpc, ...) are as many as want says.
func waitRegistered(t *testing.T, st *testenv.Stack, service string, want func(n int) bool, what string) {
	t.Helper()
	key := strings.ReplaceAll(service, "-", ".")
	deadline := time.Now().Add(15 * time.Second)
	for {
		n, err := st.Registered(key)
		if err == nil && want(n) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d instances registered under %s (%v), want %s", service, n, key, err, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func all(n int) bool { return n >= testenv.StackReplicas }

// TestReplicasSurviveStopsAndCrashesUnderLoad stops one instance of each
// service with SIGTERM and starts it again while users act: no request fails.
// Then it kills one with SIGKILL: only requests in flight at that moment, or in
// the next 2 s, may fail. Nothing acknowledged is lost.
func TestReplicasSurviveStopsAndCrashesUnderLoad(t *testing.T) {
	st := testenv.Get().Stack(t)
	l := newLoad(t, st)
	for _, name := range services {
		waitRegistered(t, st, name, all, "every instance")
	}
	l.stop = make(chan struct{})
	l.settle(t)

	t.Run("SIGTERM", func(t *testing.T) {
		l.start()
		for _, name := range services {
			time.Sleep(time.Second)
			st.Terminate(name)
			// SIGTERM revoked its lease before it stopped serving.
			waitRegistered(t, st, name, func(n int) bool { return n == testenv.StackReplicas-1 }, "one fewer after SIGTERM")
			time.Sleep(time.Second)
			st.Restart(t, name)
			waitRegistered(t, st, name, all, "every instance after the restart")
		}
		time.Sleep(2 * time.Second) // the restarted ones take requests again
		calls := l.finish()
		var failed []call
		for _, c := range calls {
			if c.failure != "" {
				failed = append(failed, c)
			}
		}
		if len(failed) > 0 {
			t.Errorf("%d of %d requests failed while instances stopped gracefully, e.g. %+v", len(failed), len(calls), failed[0])
		}
		t.Logf("%d requests, none failed", len(calls))
	})

	t.Run("SIGKILL", func(t *testing.T) {
		l.start()
		var kills []time.Time
		for _, name := range services {
			time.Sleep(time.Second)
			kills = append(kills, time.Now())
			st.Kill(name + "-2")
			time.Sleep(crashOver + time.Second)
			st.Restart(t, name+"-2")
			waitRegistered(t, st, name, all, "every instance after the restart") // the dead one's key may linger until its lease ends
		}
		time.Sleep(2 * time.Second)
		calls := l.finish()
		failed, late := 0, 0
		for _, c := range calls {
			if c.failure == "" {
				continue
			}
			failed++
			if !nearAKill(c, kills) {
				late++
				if late <= 3 {
					t.Errorf("%s failed %v after the last kill, not in flight at one: %s",
						c.op, c.start.Sub(lastBefore(c.start, kills)).Round(time.Millisecond), c.failure)
				}
			}
		}
		if late > 0 {
			t.Errorf("%d of %d failed requests started more than %v after a kill", late, failed, crashOver)
		}
		t.Logf("%d requests, %d failed around the kills", len(calls), failed)
	})

	l.checkNothingLost(t)
}

// nearAKill: the call was in flight at a kill or started within crashOver after it.
func nearAKill(c call, kills []time.Time) bool {
	for _, k := range kills {
		if !c.end.Before(k) && c.start.Before(k.Add(crashOver)) {
			return true
		}
	}
	return false
}

func lastBefore(at time.Time, kills []time.Time) time.Time {
	last := kills[0]
	for _, k := range kills {
		if k.Before(at) {
			last = k
		}
	}
	return last
}

// checkNothingLost finds every acknowledged like (once flushed), comment,
// follow and message in MySQL.
func (l *load) checkNothingLost(t *testing.T) {
	t.Helper()
	env := testenv.Get()
	db := env.SQL(t)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.likes) == 0 || len(l.comments) == 0 || len(l.follows) == 0 || len(l.messages) == 0 {
		t.Fatalf("the load acknowledged %d likes, %d comments, %d follows, %d messages: each must be some",
			len(l.likes), len(l.comments), len(l.follows), len(l.messages))
	}

	missing := func(what string, acknowledged int, query string, args ...any) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second) // likes: the flush delay and the worker's check interval
		for {
			var found int
			if err := db.QueryRow(query, args...).Scan(&found); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
			if found == acknowledged {
				t.Logf("%d acknowledged %s, all in MySQL", acknowledged, what)
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("%d acknowledged %s, %d in MySQL", acknowledged, what, found)
				return
			}
			time.Sleep(250 * time.Millisecond)
		}
	}

	for _, u := range l.users {
		var pairs []string
		for key := range l.likes {
			if key[0] == u.id {
				pairs = append(pairs, fmt.Sprint(key[1]))
			}
		}
		if len(pairs) == 0 {
			continue
		}
		table := fmt.Sprintf("favorite_%02d", u.id%int64(env.LikeShards))
		missing(fmt.Sprintf("likes of user %d", u.id), len(pairs), fmt.Sprintf(
			"select count(*) from `%s` where `user_id` = ? and `liked` = 1 and `video_id` in (%s)", table,
			strings.Join(pairs, ",")), u.id)
	}
	var follows []string
	for key := range l.follows {
		follows = append(follows, fmt.Sprintf("(%d,%d)", key[0], key[1]))
	}
	missing("follows", len(follows), "select count(*) from `follow` where (`user_id`, `to_user_id`) in ("+
		strings.Join(follows, ",")+")")
	ids := make([]string, len(l.comments))
	for i, id := range l.comments {
		ids[i] = fmt.Sprint(id)
	}
	missing("comments", len(ids), "select count(*) from `comment` where `id` in ("+strings.Join(ids, ",")+")")
	contents := make([]any, len(l.messages))
	for i, m := range l.messages {
		contents[i] = m
	}
	missing("messages", len(contents), "select count(distinct `content`) from `message` where `content` in (?"+
		strings.Repeat(",?", len(contents)-1)+")", contents...)
}
