package rowcache

import (
	"context"
	_ "embed"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/threading"
)

// secondDeleteDelay is how long after a write its cache entries are deleted again.
const secondDeleteDelay = time.Second

// owedDeletesKey is the sorted set of the second deletes not made yet (member:
// the row's cache key, score: when it is due, in ms), on the node of the rows.
const owedDeletesKey = "cache:owed-deletes"

// settleBatch bounds the keys one SettleOwedDeletes round trip takes.
const settleBatch = 500

//go:embed lua/settle_deletes.lua
var settleSrc string

var settleScript = redis.NewScript(settleSrc)

// DelTwice deletes keys with del now, and once more a second later: a reader that
// loaded the old row before the write's commit and stored it after the write's
// first delete would otherwise keep serving it until the entry expires. The
// second delete is owed in a sorted set on node (the rows' node) before the
// first is made, so that it survives a failure and the death of this process:
// a timer here makes it, and SettleOwedDeletes (the worker's sweeper) makes
// whatever is still owed. del is the generated model's DelCacheCtx.
func DelTwice(ctx context.Context, node *redis.Redis, del func(ctx context.Context, keys ...string) error,
	keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	due := time.Now().Add(secondDeleteDelay).UnixMilli()
	owed := make([]redis.Pair, len(keys))
	for i, k := range keys {
		owed[i] = redis.Pair{Key: k, Score: due}
	}
	if _, err := node.ZaddsCtx(ctx, owedDeletesKey, owed...); err != nil {
		return err
	}
	if err := del(ctx, keys...); err != nil {
		return err
	}
	time.AfterFunc(secondDeleteDelay, func() {
		threading.RunSafe(func() {
			if _, err := settle(context.Background(), node, keys); err != nil {
				logx.Errorf("second cache delete of %d keys (owed, the sweeper retries): %v", len(keys), err)
			}
		})
	})
	return nil
}

// SettleOwedDeletes makes the second deletes that are due, up to settleBatch
// of them, and answers how many it made; a failed one stays owed.
func SettleOwedDeletes(ctx context.Context, node *redis.Redis) (int, error) {
	due, err := node.ZrangebyscoreWithScoresAndLimitCtx(ctx, owedDeletesKey, 0, time.Now().UnixMilli(), 0, settleBatch)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	keys := make([]string, len(due))
	for i, p := range due {
		keys[i] = p.Key
	}
	return settle(ctx, node, keys)
}

func settle(ctx context.Context, node *redis.Redis, keys []string) (int, error) {
	res, err := node.ScriptRunCtx(ctx, settleScript, append([]string{owedDeletesKey}, keys...),
		time.Now().UnixMilli())
	n, _ := res.(int64)
	return int(n), err
}

// DelTwice deletes the cached rows of ids twice (the package's DelTwice) on the
// reader's node; del is the table's generated DelCacheCtx.
func (r *Reader[T]) DelTwice(ctx context.Context, del func(ctx context.Context, keys ...string) error,
	ids ...int64) error {
	return DelTwice(ctx, r.node, del, r.Keys(ids)...)
}
