package model

import (
	"context"
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

// KEYS[1] set, KEYS[2] guard; ARGV[1] token, ARGV[2] ttl seconds, ARGV[3..] members.
var setFillScript = redis.NewScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
for i = 3, #ARGV, 500 do
  redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`)

func (c idSetCache) key(owner int64) string   { return c.prefix + strconv.FormatInt(owner, 10) }
func (c idSetCache) guard(owner int64) string { return c.key(owner) + ":loading" }

// Among tells which of ids are in owner's set.
func (c idSetCache) Among(ctx context.Context, owner int64, ids []int64) (map[int64]bool, error) {
	if owner <= 0 || len(ids) == 0 {
		return map[int64]bool{}, nil
	}
	var flags func() ([]bool, error)
	if err := c.rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		flags = c.queueAmong(ctx, p, owner, ids)
		return nil
	}); err != nil {
		return nil, err
	}
	return c.amongResult(ctx, owner, ids, flags)
}

// queueAmong adds Among's query to a pipeline; amongResult reads its answer.
// One SMISMEMBER asks for the loaded marker too: no script, and the marker and
// the members are read at one instant.
func (c idSetCache) queueAmong(ctx context.Context, p redis.Pipeliner, owner int64, ids []int64) func() ([]bool, error) {
	members := make([]any, 0, len(ids)+1)
	members = append(members, loadedMarker)
	for _, id := range ids {
		members = append(members, id)
	}
	return p.SMIsMember(ctx, c.key(owner), members...).Result
}

func (c idSetCache) amongResult(ctx context.Context, owner int64, ids []int64, flags func() ([]bool, error)) (map[int64]bool, error) {
	in := make(map[int64]bool, len(ids))
	if answer, err := flags(); err == nil && len(answer) == len(ids)+1 && answer[0] {
		for i, member := range answer[1:] {
			if member {
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
