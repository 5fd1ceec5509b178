package model

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
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

func (c idListCache) key(owner int64) string   { return c.prefix + strconv.FormatInt(owner, 10) }
func (c idListCache) guard(owner int64) string { return c.key(owner) + ":loading" }

// Get answers owner's list.
func (c idListCache) Get(ctx context.Context, owner int64) ([]int64, error) {
	var ids []int64
	cached, err := c.rds.GetCtx(ctx, c.key(owner))
	if err != nil {
		return nil, err
	}
	if cached != "" {
		return parseIDList(cached)
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

// parseIDList reads a cached JSON array of ids. Lists are read on every page
// view, and encoding/json took as long as the Redis read: the array is parsed by
// hand, with encoding/json only for a text that is not a plain one.
func parseIDList(text string) ([]int64, error) {
	if inner, ok := strings.CutPrefix(text, "["); ok {
		if inner, ok = strings.CutSuffix(inner, "]"); ok {
			if inner == "" {
				return []int64{}, nil
			}
			if ids, ok := parseIDs(inner); ok {
				return ids, nil
			}
		}
	}
	var ids []int64
	err := json.Unmarshal([]byte(text), &ids)
	return ids, err
}

// parseIDs reads "1,2,3"; false for anything else.
func parseIDs(list string) ([]int64, bool) {
	ids := make([]int64, 0, strings.Count(list, ",")+1)
	for field := range strings.SplitSeq(list, ",") {
		id, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}
