package faults

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"douyin/pkg/testenv"
	"douyin/pkg/xerr"
)

// request is one read the app makes, by kind.
type request struct {
	kind   string
	path   string
	params url.Values
}

// tally counts the answers of one kind.
type tally struct {
	ok, busy, other, failed int
	slowest                 time.Duration
	examples                []string
}

type tallies struct {
	mu sync.Mutex
	by map[string]*tally
}

func (ts *tallies) add(kind string, r testenv.Reply, took time.Duration, err error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t := ts.by[kind]
	if t == nil {
		t = &tally{}
		ts.by[kind] = t
	}
	t.slowest = max(t.slowest, took)
	switch {
	case err != nil:
		t.failed++
		t.examples = append(t.examples, err.Error())
	case r.Code() == 0:
		t.ok++
	case r.Code() == xerr.ServiceBusy:
		t.busy++
	default:
		t.other++
		t.examples = append(t.examples, fmt.Sprintf("%d %s", r.Code(), r.Str("status_msg")))
	}
}

func (ts *tallies) String() string {
	kinds := make([]string, 0, len(ts.by))
	for k := range ts.by {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	for _, k := range kinds {
		t := ts.by[k]
		fmt.Fprintf(&b, "%-16s ok %4d  busy %3d  other %3d  failed %3d  slowest %v\n", k, t.ok, t.busy, t.other,
			t.failed, t.slowest.Round(time.Millisecond))
	}
	return b.String()
}

// warmReads are the reads of w a phone makes, each answerable from Redis once
// it has been read.
func (w *world) warmReads() []request {
	var rs []request
	viewer := w.fans[0]
	rs = append(rs, request{"feed", "/douyin/feed/", url.Values{}},
		request{"feed+token", "/douyin/feed/", url.Values{"token": {viewer.token}}})
	for _, u := range append(append([]user{}, w.authors...), w.fans...) {
		id := fmt.Sprint(u.id)
		rs = append(rs,
			request{"user", "/douyin/user/", url.Values{"user_id": {id}, "token": {viewer.token}}},
			request{"publish list", "/douyin/publish/list/", url.Values{"user_id": {id}, "token": {viewer.token}}},
			request{"favorite list", "/douyin/favorite/list/", url.Values{"user_id": {id}, "token": {viewer.token}}},
			request{"follow list", "/douyin/relation/follow/list/", url.Values{"user_id": {id}, "token": {u.token}}},
			request{"follower list", "/douyin/relation/follower/list/", url.Values{"user_id": {id}, "token": {u.token}}},
			request{"friend list", "/douyin/relation/friend/list/", url.Values{"user_id": {id}, "token": {u.token}}})
	}
	for _, v := range w.videos {
		rs = append(rs, request{"comment list", "/douyin/comment/list/",
			url.Values{"video_id": {fmt.Sprint(v)}, "token": {viewer.token}}})
	}
	return rs
}

// populate gives w comments, follows and likes, and reads everything once.
func (w *world) populate(t *testing.T, st *testenv.Stack) {
	t.Helper()
	for i, f := range w.fans {
		for _, a := range w.authors {
			if r := st.Post(t, "/douyin/relation/action/", url.Values{"token": {f.token},
				"to_user_id": {fmt.Sprint(a.id)}, "action_type": {"1"}}); r.Code() != 0 {
				t.Fatalf("follow: %v", r)
			}
		}
		v := w.videos[i%len(w.videos)]
		if r := st.Post(t, "/douyin/comment/action/", url.Values{"token": {f.token}, "video_id": {fmt.Sprint(v)},
			"action_type": {"1"}, "comment_text": {"before the stall"}}); r.Code() != 0 {
			t.Fatalf("comment: %v", r)
		}
		for j, v := range w.videos {
			if r, err := w.like(st, f, v, (i+j)%2 == 0); err != nil || r.Code() != 0 {
				t.Fatalf("like: %v %v", r, err)
			}
		}
	}
	for _, r := range w.warmReads() {
		if got, _, err := send(st, http.MethodGet, r.path, r.params); err != nil || got.Code() != 0 {
			t.Fatalf("warm-up %s: %v %v", r.kind, got, err)
		}
	}
}

// MySQL stalls for 20 s under read and like traffic: every warm read answers
// from Redis, every like is acknowledged, what needs MySQL (a new account)
// answers busy within its deadline, the breaker lets MySQL back in within
// seconds, and the likes then drain exactly.
func TestAMySQLStallKeepsWarmReadsAndLikesAnswering(t *testing.T) {
	st, proxy, fix := setUp(t)
	// This test wants the worker to run: a marker stops the fault hook.
	if err := os.WriteFile(freezeMarker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	w := fix.stall
	w.populate(t, st)
	if !waitFor(40*time.Second, func() bool { return w.mysqlCountsMatch(t) }) {
		t.Fatal("the likes before the stall did not drain")
	}

	const stall = 20 * time.Second
	ts := &tallies{by: map[string]*tally{}}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	reads := w.warmReads()
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func(offset int) {
			defer wg.Done()
			for i := offset; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				q := reads[i%len(reads)]
				got, took, err := send(st, http.MethodGet, q.path, q.params)
				ts.add(q.kind, got, took, err)
			}
		}(r * len(reads) / 3)
	}
	for i, f := range w.fans {
		wg.Add(1)
		go func(i int, f user) {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				case <-time.After(250 * time.Millisecond):
				}
				v := w.videos[(i+n)%len(w.videos)]
				w.mu.Lock()
				on := !w.liked[f.id][v]
				w.mu.Unlock()
				got, err := w.like(st, f, v, on)
				ts.add("like", got, 0, err)
			}
		}(i, f)
	}
	wg.Add(1)
	go func() { // what truly needs MySQL: a new account
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
			got, took, err := send(st, http.MethodPost, "/douyin/user/register/",
				url.Values{"username": {fmt.Sprintf("stall%d_%d", n, time.Now().UnixNano()%1e6)}, "password": {"pw123456"}})
			ts.add("register", got, took, err)
		}
	}()

	time.Sleep(2 * time.Second) // traffic before the stall, as on a phone
	proxy.Pause()
	time.Sleep(stall)
	proxy.Resume()
	close(stop)
	wg.Wait()
	t.Logf("answers through a %v MySQL stall:\n%s", stall, ts)

	for kind, got := range ts.by {
		if got.failed > 0 {
			t.Errorf("%s: %d requests failed or hung past the client's timeout: %v", kind, got.failed, got.examples[:1])
		}
		switch kind {
		case "register":
			if got.busy == 0 || got.other > 0 {
				t.Errorf("register during the stall: %d busy, %d other (%v); want busy answers", got.busy, got.other,
					got.examples)
			}
			// The user RPC's client timeout (5 s) bounds it; the MySQL deadline
			// (1 s) should answer well before.
			if got.slowest > 6*time.Second {
				t.Errorf("register answered after %v: past its deadline", got.slowest)
			}
		default:
			if got.busy > 0 || got.other > 0 || got.ok == 0 {
				t.Errorf("%s during the stall: %d ok, %d busy, %d other %v; want every warm read answered",
					kind, got.ok, got.busy, got.other, got.examples)
			}
		}
	}

	// The breaker lets MySQL back in within seconds.
	recovered := waitFor(15*time.Second, func() bool {
		r, _, err := send(st, http.MethodPost, "/douyin/user/register/",
			url.Values{"username": {fmt.Sprintf("after%d", time.Now().UnixNano()%1e8)}, "password": {"pw123456"}})
		return err == nil && r.Code() == 0
	})
	if !recovered {
		t.Fatal("registering still fails 15 s after MySQL came back")
	}
	if !waitFor(40*time.Second, func() bool { return w.mysqlCountsMatch(t) }) {
		t.Fatal("the likes acknowledged during the stall did not drain exactly")
	}
	requireExactReads(t, st, w, "after the stall drained")
}
