package model

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stringx"
)

// idListCache keeps one ordered list of ids per owner (the comments of a video,
// newest first) as a JSON array in Redis, loaded from MySQL on first use. Loads
// are guarded like idSetCache's: a load that an invalidation overtook stores
// nothing.
type idListCache struct {
	rds    *redis.Redis
	prefix string
	ttl    time.Duration
	load   func(ctx context.Context, owner int64) ([]int64, error)
}

// KEYS[1] list, KEYS[2] guard; ARGV[1] token, ARGV[2] ttl seconds, ARGV[3] JSON.
var listFillScript = redis.NewScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[2])
return 1`)

func (c idListCache) key(owner int64) string   { return fmt.Sprintf("%s%d", c.prefix, owner) }
func (c idListCache) guard(owner int64) string { return c.key(owner) + ":loading" }

// Get answers owner's list.
func (c idListCache) Get(ctx context.Context, owner int64) ([]int64, error) {
	var ids []int64
	cached, err := c.rds.GetCtx(ctx, c.key(owner))
	if err != nil {
		return nil, err
	}
	if cached != "" {
		err := json.Unmarshal([]byte(cached), &ids)
		return ids, err
	}
	token := stringx.Randn(16)
	if err := c.rds.SetexCtx(ctx, c.guard(owner), token, 10); err != nil {
		return nil, err
	}
	if ids, err = c.load(ctx, owner); err != nil {
		return nil, err
	}
	if ids == nil {
		ids = []int64{}
	}
	b, _ := json.Marshal(ids)
	_, err = c.rds.ScriptRunCtx(ctx, listFillScript, []string{c.key(owner), c.guard(owner)},
		token, int(c.ttl/time.Second), string(b))
	return ids, err
}

// Invalidate drops owner's list and any load under way; call it after the
// MySQL commit that changed the list.
func (c idListCache) Invalidate(ctx context.Context, owners ...int64) error {
	keys := make([]string, 0, 2*len(owners))
	for _, o := range owners {
		keys = append(keys, c.key(o), c.guard(o))
	}
	_, err := c.rds.DelCtx(ctx, keys...)
	return err
}
