package model

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stringx"
)

// idSetCache keeps one Redis set of ids per owner (whom a user follows, say),
// loaded from MySQL on first use. Member 0 marks a loaded set, so an owner with
// an empty set does not send every read to MySQL.
//
// A load is guarded: it takes a token before reading MySQL and stores the set
// only if no writer invalidated the key meanwhile (Invalidate deletes the token),
// so a slow load can never put back a set that a write already changed.
type idSetCache struct {
	rds    *redis.Redis
	prefix string
	ttl    time.Duration
	load   func(ctx context.Context, owner int64) ([]int64, error)
}

const loadedMarker = "0"

// KEYS[1] set; ARGV ids. Answers -1 when the set is not loaded (not nil, which
// would fail a whole pipeline).
const setAmongSrc = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('SMISMEMBER', KEYS[1], unpack(ARGV))`

var (
	setAmongScript = redis.NewScript(setAmongSrc)
	// KEYS[1] set, KEYS[2] guard; ARGV[1] token, ARGV[2] ttl seconds, ARGV[3..] members.
	setFillScript = redis.NewScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
for i = 3, #ARGV, 500 do
  redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`)
)

func (c idSetCache) key(owner int64) string   { return fmt.Sprintf("%s%d", c.prefix, owner) }
func (c idSetCache) guard(owner int64) string { return c.key(owner) + ":loading" }

// Among tells which of ids are in owner's set.
func (c idSetCache) Among(ctx context.Context, owner int64, ids []int64) (map[int64]bool, error) {
	in := make(map[int64]bool, len(ids))
	if owner <= 0 || len(ids) == 0 {
		return in, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	res, err := c.rds.ScriptRunCtx(ctx, setAmongScript, []string{c.key(owner)}, args...)
	if err != nil {
		return nil, err
	}
	return c.amongResult(ctx, owner, ids, res)
}

// queueAmong adds Among's query to a pipeline; amongResult reads its answer.
func (c idSetCache) queueAmong(ctx context.Context, p redis.Pipeliner, owner int64, ids []int64) func() (any, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	cmd := p.Eval(ctx, setAmongSrc, []string{c.key(owner)}, args...)
	return cmd.Result
}

func (c idSetCache) amongResult(ctx context.Context, owner int64, ids []int64, res any) (map[int64]bool, error) {
	in := make(map[int64]bool, len(ids))
	if flags, ok := res.([]any); ok {
		for i, f := range flags {
			if n, _ := f.(int64); n == 1 {
				in[ids[i]] = true
			}
		}
		return in, nil
	}
	members, err := c.fill(ctx, owner) // not loaded yet
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := members[id]; ok {
			in[id] = true
		}
	}
	return in, nil
}

func (c idSetCache) fill(ctx context.Context, owner int64) (map[int64]struct{}, error) {
	token := stringx.Randn(16)
	if err := c.rds.SetexCtx(ctx, c.guard(owner), token, 10); err != nil {
		return nil, err
	}
	ids, err := c.load(ctx, owner)
	if err != nil {
		return nil, err
	}
	members := make(map[int64]struct{}, len(ids))
	args := make([]any, 0, len(ids)+3)
	args = append(args, token, int(c.ttl/time.Second), loadedMarker)
	for _, id := range ids {
		members[id] = struct{}{}
		args = append(args, strconv.FormatInt(id, 10))
	}
	if _, err := c.rds.ScriptRunCtx(ctx, setFillScript, []string{c.key(owner), c.guard(owner)}, args...); err != nil {
		return nil, err
	}
	return members, nil
}

// Invalidate drops owner's set and any load under way; call it after the
// MySQL commit that changed the set.
func (c idSetCache) Invalidate(ctx context.Context, owners ...int64) error {
	keys := make([]string, 0, 2*len(owners))
	for _, o := range owners {
		keys = append(keys, c.key(o), c.guard(o))
	}
	_, err := c.rds.DelCtx(ctx, keys...)
	return err
}
