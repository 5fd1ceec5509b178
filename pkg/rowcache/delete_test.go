package rowcache

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// staleAfterFirstDelete plays the race the second delete is for: a reader that
// read the row before the write's commit stores it after the first delete.
func staleAfterFirstDelete(t *testing.T, node *redis.Redis, key string) {
	t.Helper()
	if err := node.Set(key, `{"stale":true}`); err != nil {
		t.Fatal(err)
	}
}

func owed(t *testing.T, node *redis.Redis, key string) bool {
	t.Helper()
	_, err := node.Zscore(owedDeletesKey, key)
	if err != nil && err != redis.Nil {
		t.Fatal(err)
	}
	return err == nil
}

func delOn(node *redis.Redis) func(ctx context.Context, keys ...string) error {
	return func(ctx context.Context, keys ...string) error {
		_, err := node.DelCtx(ctx, keys...)
		return err
	}
}

// The writer's own timer makes the second delete a second later, and nothing
// stays owed.
func TestDelTwiceDeletesAgainASecondLater(t *testing.T) {
	ctx := context.Background()
	node := testenv.Get().Redis()
	key := "cache:test:timer:1"
	if err := DelTwice(ctx, node, delOn(node), key); err != nil {
		t.Fatal(err)
	}
	staleAfterFirstDelete(t, node, key)
	if !owed(t, node, key) {
		t.Fatal("the second delete must be owed before the first is made")
	}
	deadline := time.Now().Add(5 * time.Second)
	for owed(t, node, key) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if ok, _ := node.Exists(key); ok || owed(t, node, key) {
		t.Fatalf("after the second delete: row cached %v, still owed %v", ok, owed(t, node, key))
	}
}

// When the writer's second delete fails (its Redis connection stalls here; a
// writer killed within the second never makes it), the delete stays owed, and
// SettleOwedDeletes, run by another process, makes it once it is due; a key
// owed again for later is left alone until then.
func TestAnOwedDeleteSurvivesTheWritersFailure(t *testing.T) {
	ctx := context.Background()
	node := testenv.Get().Redis()
	proxy, err := testenv.StartProxy(testenv.Get().RedisAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	writer := redis.MustNewRedis(redis.RedisConf{Host: proxy.Addr(), Type: redis.NodeType})
	key, later := "cache:test:owed:1", "cache:test:owed:2"
	if err := DelTwice(ctx, writer, delOn(writer), key); err != nil {
		t.Fatal(err)
	}
	proxy.Pause() // the writer's timer now cannot reach Redis
	staleAfterFirstDelete(t, node, key)
	if _, err := node.Zadd(owedDeletesKey, time.Now().Add(time.Hour).UnixMilli(), later); err != nil {
		t.Fatal(err)
	}
	staleAfterFirstDelete(t, node, later)

	if n, err := SettleOwedDeletes(ctx, node); err != nil || n != 0 {
		t.Fatalf("before it is due: settled %d, %v", n, err)
	}
	time.Sleep(secondDeleteDelay + 300*time.Millisecond)
	if ok, _ := node.Exists(key); !ok {
		t.Fatal("the test needs the writer's own second delete to have failed")
	}
	if n, err := SettleOwedDeletes(ctx, node); err != nil || n != 1 {
		t.Fatalf("settle: %d, %v; want 1", n, err)
	}
	if ok, _ := node.Exists(key); ok || owed(t, node, key) {
		t.Fatalf("after the settle: row cached %v, still owed %v", ok, owed(t, node, key))
	}
	if ok, _ := node.Exists(later); !ok || !owed(t, node, later) {
		t.Fatal("a delete owed for later must wait for its time")
	}
	proxy.Resume()
}
