package rediscoll

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Get answers owner's list.
func (c *IDList) Get(ctx context.Context, owner int64) ([]int64, error) {
	var ids []int64
	cached, err := c.rds.GetCtx(ctx, c.key(owner))
	if err != nil {
		return nil, err
	}
	if cached != "" {
		return parseIDList(cached)
	}
	token, err := c.takeGuard(ctx, owner)
	if err != nil {
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
