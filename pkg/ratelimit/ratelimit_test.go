package ratelimit

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/testenv"
	"douyin/pkg/xerr"
)

var store *redis.Redis

func TestMain(m *testing.M) {
	srv, err := testenv.StartRedis()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	store = redis.MustNewRedis(redis.RedisConf{Host: srv.Addr, Type: redis.NodeType})
	code := m.Run()
	srv.Stop()
	os.Exit(code)
}

func key(t *testing.T) string { return fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano()) }

func refused(t *testing.T, err error, what string) {
	t.Helper()
	if !xerr.Is(err, xerr.RateLimited) {
		t.Fatalf("%s: got %v, want a rate-limit refusal", what, err)
	}
	if code, msg := xerr.Resolve(context.Background(), err); code != xerr.RateLimited || !strings.Contains(msg, "try again in") {
		t.Fatalf("%s: %d %q does not say when to retry", what, code, msg)
	}
}

func TestTakeRefusesPastTheQuotaPerKey(t *testing.T) {
	ctx, k := context.Background(), key(t)
	l := New(store, "comment", "comments", Rule{Quota: 3, Seconds: 60})
	for i := 0; i < 3; i++ {
		if err := l.Take(ctx, k); err != nil {
			t.Fatalf("request %d of 3: %v", i+1, err)
		}
	}
	err := l.Take(ctx, k)
	refused(t, err, "the 4th request")
	if !strings.Contains(err.Error(), "comments") || !strings.Contains(err.Error(), "second") {
		t.Fatalf("the refusal: %v", err)
	}
	if err := l.Take(ctx, k+"-other"); err != nil {
		t.Fatalf("another key shares the budget: %v", err)
	}
}

func TestCheckCountsOnlyFailures(t *testing.T) {
	ctx, k := context.Background(), key(t)
	l := New(store, "login:user", "failed logins", Rule{Quota: 2, Seconds: 900})
	for i := 0; i < 5; i++ {
		if err := l.Check(ctx, k); err != nil { // checks spend nothing
			t.Fatalf("check %d: %v", i, err)
		}
	}
	l.Fail(ctx, k)
	if err := l.Check(ctx, k); err != nil {
		t.Fatalf("after 1 failure of 2: %v", err)
	}
	l.Fail(ctx, k)
	err := l.Check(ctx, k)
	refused(t, err, "after 2 failures of 2")
	if !strings.Contains(err.Error(), "minutes") {
		t.Fatalf("a 15-minute period: %v", err)
	}
}

func TestTheBudgetComesBackAfterThePeriod(t *testing.T) {
	ctx, k := context.Background(), key(t)
	l := New(store, "like", "likes", Rule{Quota: 1, Seconds: 1})
	if err := l.Take(ctx, k); err != nil {
		t.Fatal(err)
	}
	refused(t, l.Take(ctx, k), "the 2nd like")
	deadline := time.Now().Add(10 * time.Second)
	for l.Take(ctx, k) != nil {
		if time.Now().After(deadline) {
			t.Fatal("the budget never came back")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestQuotaZeroIsOff(t *testing.T) {
	ctx, k := context.Background(), key(t)
	l := New(store, "off", "requests", Rule{Quota: 0})
	for i := 0; i < 10; i++ {
		if err := l.Take(ctx, k); err != nil {
			t.Fatal(err)
		}
		l.Fail(ctx, k)
		if err := l.Check(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
}

// Without Redis, actions go through and logins are refused as busy: an
// unlimited password guesser is worse than a login that waits.
func TestWithoutRedisActionsPassAndLoginsWait(t *testing.T) {
	down := redis.New("127.0.0.1:1") // nothing listens there
	ctx := context.Background()
	if err := New(down, "like", "likes", Rule{Quota: 5}).Take(ctx, "u"); err != nil {
		t.Fatalf("take without Redis: %v", err)
	}
	if err := New(down, "login:ip", "failed logins", Rule{Quota: 5}).Check(ctx, "u"); !xerr.Is(err, xerr.ServiceBusy) {
		t.Fatalf("check without Redis: %v", err)
	}
}

func TestInWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "1 second", time.Second: "1 second", 42 * time.Second: "42 seconds",
		90 * time.Second: "90 seconds", 14*time.Minute + 10*time.Second: "15 minutes", time.Hour: "60 minutes",
	} {
		if got := inWords(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
