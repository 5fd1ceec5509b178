// Package monitor looks at the stack the way an operator does: a Prometheus with
// the repository's config and alerts (deploy/prometheus) scrapes a live stack
// while the test uses the app, and every panel of the dashboard
// (deploy/grafana) and every alert expression must have data; stopping the
// worker must raise the flush-lag alert, and starting it again must clear it.
// It has its own stack: DevServers on, likes flushed within 2 s.
package monitor

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// flushMaxDelay is LikeFlushMaxDelay of the stack: the flush-lag alert fires
// once the oldest unflushed like is older than twice that.
const flushMaxDelay = 2 * time.Second

func TestMain(m *testing.M) {
	testenv.StackDevServers = true
	testenv.StackEnv = map[string]string{
		"LIKE_FLUSH_DELAY":     "1s",
		"LIKE_FLUSH_MAX_DELAY": flushMaxDelay.String(),
	}
	os.Exit(testenv.Main(m))
}

func TestDashboardAndAlertsSeeTheLiveStack(t *testing.T) {
	root := testenv.RepoRoot()
	ensurePrometheus(t, root)
	script(t, root, "check") // promtool: the config, the rules and their unit tests
	st := testenv.Get().Stack(t)
	prom := startPrometheus(t, root, st.DevPorts)
	waitFor(t, 30*time.Second, "every process to be scraped", func() (bool, string) {
		up := prom.query(t, `up{job="douyin-zero"} == 1`)
		return len(up) == len(st.DevPorts), fmt.Sprintf("up: %v", up)
	})

	useTheApp(t, st)
	// Rates need two scrapes of the traffic: ask until every query has data.
	var queries []panelQuery
	for _, a := range alerts(t, root) {
		queries = append(queries, panelQuery{"alert " + a.name, withBool(a.expr)})
	}
	queries = append(dashboardQueries(t, root), queries...)
	waitFor(t, 20*time.Second, "every panel and alert expression to have data", func() (bool, string) {
		var empty []string
		for _, q := range queries {
			if len(prom.query(t, q.expr)) == 0 {
				empty = append(empty, q.panel+": "+q.expr)
			}
		}
		return len(empty) == 0, "without data:\n" + strings.Join(empty, "\n")
	})
	waitFor(t, 30*time.Second, "a like flush", func() (bool, string) {
		return len(prom.query(t, `sum(douyin_like_flush_batch_likes_count) > 0`)) == 1, "no flush committed"
	})
	// The test's Redis keeps no AOF: the alert made for it fires.
	waitFor(t, 15*time.Second, "DataRedisVolatile to fire", func() (bool, string) {
		states := prom.alertStates(t)
		return states["DataRedisVolatile"] == "firing", fmt.Sprint(states)
	})

	// The worker stops: the likes made meanwhile wait, and the alert says so.
	worker := st.Pid("douyin-mq")
	if err := syscall.Kill(worker, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	resumed := false
	resume := func() {
		if !resumed {
			resumed = true
			_ = syscall.Kill(worker, syscall.SIGCONT)
		}
	}
	defer resume()
	if states := prom.alertStates(t); states["LikeFlushLagging"] != "" {
		t.Fatalf("LikeFlushLagging is %s before the worker stopped", states["LikeFlushLagging"])
	}
	_, token := register(t, st, "stalled")
	video := insertVideo(t, authorOf(t, st), "while the worker sleeps")
	like(t, st, token, video)
	waitFor(t, 30*time.Second, "LikeFlushLagging to fire with the worker stopped", func() (bool, string) {
		states := prom.alertStates(t)
		return states["LikeFlushLagging"] == "firing", fmt.Sprintf("alerts %v, oldest unflushed like %v s",
			states, prom.query(t, `max(douyin_like_oldest_pending_seconds)`))
	})

	resume()
	waitFor(t, 30*time.Second, "LikeFlushLagging to clear with the worker running", func() (bool, string) {
		states := prom.alertStates(t)
		return states["LikeFlushLagging"] == "", fmt.Sprintf("alerts %v, oldest unflushed like %v s",
			states, prom.query(t, `max(douyin_like_oldest_pending_seconds)`))
	})
}

// useTheApp makes every kind of traffic the panels show: accounts, a refused
// login, the feed and user pages (row cache), likes and their flush (the queue),
// a comment and a follow.
func useTheApp(t *testing.T, st *testenv.Stack) {
	t.Helper()
	author, authorToken := register(t, st, "author")
	fan, fanToken := register(t, st, "fan")
	videos := []int64{insertVideo(t, author, "one"), insertVideo(t, author, "two")}
	if r := st.Post(t, "/douyin/user/login/", url.Values{"username": {"nobody-" + strconv.FormatInt(fan, 10)},
		"password": {"wrong-password"}}); r.Code() == 0 {
		t.Fatalf("a login with a wrong password succeeded: %v", r)
	}
	for i := 0; i < 3; i++ { // the second read of each row hits the row cache
		st.Get(t, "/douyin/feed/", url.Values{"token": {fanToken}})
		st.Get(t, "/douyin/user/", url.Values{"user_id": {strconv.FormatInt(author, 10)}, "token": {fanToken}})
	}
	for _, v := range videos {
		like(t, st, fanToken, v)
	}
	ok(t, st.Post(t, "/douyin/comment/action/", url.Values{"token": {fanToken},
		"video_id": {strconv.FormatInt(videos[0], 10)}, "action_type": {"1"}, "comment_text": {"nice"}}))
	ok(t, st.Post(t, "/douyin/relation/action/", url.Values{"token": {authorToken},
		"to_user_id": {strconv.FormatInt(fan, 10)}, "action_type": {"1"}}))
	ok(t, st.Get(t, "/douyin/favorite/list/", url.Values{"user_id": {strconv.FormatInt(fan, 10)}, "token": {fanToken}}))
}

func register(t *testing.T, st *testenv.Stack, prefix string) (id int64, token string) {
	t.Helper()
	name := prefix + strconv.FormatInt(time.Now().UnixNano()%1e9, 10)
	r := ok(t, st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"pw123456"}}))
	return r.Int("user_id"), r.Str("token")
}

// authorOf is a fresh author's id.
func authorOf(t *testing.T, st *testenv.Stack) int64 {
	id, _ := register(t, st, "author")
	return id
}

func like(t *testing.T, st *testenv.Stack, token string, video int64) {
	t.Helper()
	ok(t, st.Post(t, "/douyin/favorite/action/", url.Values{"token": {token},
		"video_id": {strconv.FormatInt(video, 10)}, "action_type": {"1"}}))
}

// insertVideo adds a video straight to MySQL (publishing is not what this test
// looks at).
func insertVideo(t *testing.T, author int64, title string) int64 {
	t.Helper()
	return testenv.Get().InsertVideo(t, author, title)
}

func ok(t *testing.T, r testenv.Reply) testenv.Reply {
	t.Helper()
	if r.Code() != 0 {
		t.Fatalf("the app refused: %v", r)
	}
	return r
}
