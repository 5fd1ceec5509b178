package model

import (
	"context"
	"fmt"
	"strconv"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// Likes are written to Redis first and reach MySQL in batches (see mq/). Until a
// batch is flushed its effect on the counters lives in these hashes, and every
// reader adds them to the MySQL columns.
const (
	likePendingVideoFavorites = "like:pending:video_favorite_count" // video id -> delta of favorite_count
	likePendingUserFavorites  = "like:pending:user_favorite_count"  // user id -> delta of favorite_count
	likePendingUserFavorited  = "like:pending:user_total_favorited" // author id -> delta of total_favorited
)

// LikeStore is the Redis side of likes: state, pending counter deltas, flushes.
type LikeStore struct {
	rds *redis.Redis
}

// NewLikeStore returns the like store on the data Redis (AOF-backed: it holds
// likes that MySQL does not have yet).
func NewLikeStore(rds *redis.Redis) *LikeStore {
	return &LikeStore{rds: rds}
}

// UserCountDeltas are the pending changes of favorite_count and total_favorited of ids.
func (s *LikeStore) UserCountDeltas(ctx context.Context, ids []int64) (favorite, favorited map[int64]int64, err error) {
	fields := idFields(ids)
	if len(fields) == 0 {
		return map[int64]int64{}, map[int64]int64{}, nil
	}
	res, err := s.rds.ScriptRunCtx(ctx, userDeltasScript,
		[]string{likePendingUserFavorites, likePendingUserFavorited}, fields...)
	if err != nil {
		return nil, nil, err
	}
	pair, _ := res.([]any)
	if len(pair) != 2 {
		return nil, nil, fmt.Errorf("user deltas: unexpected reply %v", res)
	}
	fav, _ := pair[0].([]any)
	favd, _ := pair[1].([]any)
	return deltasOf(ids, fav), deltasOf(ids, favd), nil
}

var hmgetScript = redis.NewScript(`return redis.call('HMGET', KEYS[1], unpack(ARGV))`)

// One round trip for both hashes.
var userDeltasScript = redis.NewScript(`
return {redis.call('HMGET', KEYS[1], unpack(ARGV)), redis.call('HMGET', KEYS[2], unpack(ARGV))}`)

// VideoCountDeltas are the pending changes of favorite_count of videos ids.
func (s *LikeStore) VideoCountDeltas(ctx context.Context, ids []int64) (map[int64]int64, error) {
	if len(ids) == 0 {
		return map[int64]int64{}, nil
	}
	res, err := s.rds.ScriptRunCtx(ctx, hmgetScript, []string{likePendingVideoFavorites}, idFields(ids)...)
	if err != nil {
		return nil, err
	}
	vals, _ := res.([]any)
	return deltasOf(ids, vals), nil
}

func idFields(ids []int64) []any {
	fields := make([]any, len(ids))
	for i, id := range ids {
		fields[i] = strconv.FormatInt(id, 10)
	}
	return fields
}

func deltasOf(ids []int64, vals []any) map[int64]int64 {
	out := make(map[int64]int64, len(ids))
	for i, v := range vals {
		if s, ok := v.(string); ok {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil && n != 0 {
				out[ids[i]] += n
			}
		}
	}
	return out
}
