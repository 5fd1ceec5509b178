// Package faults drives the real processes through faults a user must not
// notice: a worker frozen right after its MySQL commit and then killed for
// good, and a MySQL that stalls under read and like traffic. Every process
// reaches MySQL through a pausable proxy; the worker is built with the
// faulthook tag, which stops it after its first flush commit.
package faults

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// freezeMarker is the file the worker's fault hook creates when it stops
// itself (DOUYIN_FREEZE_AFTER_COMMIT): once it exists, a restarted worker runs
// on. The frozen-worker test runs first (file order), while it does not.
var freezeMarker string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "douyin-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	freezeMarker = filepath.Join(dir, "worker-frozen")
	testenv.StackBuildTags = []string{"faulthook"}
	testenv.StackEnv = map[string]string{
		"DOUYIN_FREEZE_AFTER_COMMIT": freezeMarker,
		"LIKE_FLUSH_DELAY":           "300ms",
		"LIKE_FLUSH_MAX_DELAY":       "2s",
	}
	code := testenv.Main(m)
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

var (
	stackOnce  sync.Once
	stack      *testenv.Stack
	mysqlProxy *testenv.Proxy
	fix        *fixture
)

// setUp starts, once, the proxy in front of MySQL, the stack behind it, and
// the fixture's users and videos, which must be in MySQL before the first feed
// read loads the timeline.
func setUp(t *testing.T) (*testenv.Stack, *testenv.Proxy, *fixture) {
	t.Helper()
	stackOnce.Do(func() {
		p, err := testenv.StartProxy(net.JoinHostPort(os.Getenv("MYSQL_HOST"), os.Getenv("MYSQL_PORT")))
		if err != nil {
			t.Fatal(err)
		}
		host, port, _ := net.SplitHostPort(p.Addr())
		testenv.StackEnv["MYSQL_HOST"], testenv.StackEnv["MYSQL_PORT"] = host, port
		mysqlProxy = p
		stack = testenv.Get().Stack(t)
		fix = newFixture(t, stack)
	})
	if stack == nil || fix == nil {
		t.Fatal("the stack did not start")
	}
	t.Cleanup(func() { mysqlProxy.Resume() })
	return stack, mysqlProxy, fix
}

// waitFor polls cond every 100 ms until it holds or within passes.
func waitFor(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
	return true
}
