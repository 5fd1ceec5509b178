package model

import (
	"context"
	"strconv"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// VideoViews reads videos with favorite_count including the pending likes: rows
// from the cache node and pending deltas from the data Redis, in one pipelined
// round trip when they are one server and the rows are warm. Unknown ids are
// absent.
func (m *Models) VideoViews(ctx context.Context, ids []int64) (map[int64]*Video, error) {
	videos := m.Video.(*customVideoModel)
	ids = uniquePositive(ids)
	if len(ids) == 0 {
		return map[int64]*Video{}, nil
	}
	fields := make([]string, len(ids))
	for i, id := range ids {
		fields[i] = strconv.FormatInt(id, 10)
	}
	var rowVals, pending func() ([]any, error)
	queueRows := func(p redis.Pipeliner) error {
		rowVals = p.MGet(ctx, rowKeys(cacheVideoIdPrefix, ids)...).Result
		return nil
	}
	queuePending := func(p redis.Pipeliner) error {
		pending = p.HMGet(ctx, likePendingVideoFavorites, fields...).Result
		return nil
	}
	if m.CacheNode.Addr == m.Redis.Addr {
		if err := m.Redis.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			_ = queueRows(p)
			return queuePending(p)
		}); err != nil {
			return nil, err
		}
	} else {
		if err := m.CacheNode.PipelinedCtx(ctx, queueRows); err != nil {
			return nil, err
		}
		if err := m.Redis.PipelinedCtx(ctx, queuePending); err != nil {
			return nil, err
		}
	}

	vals, _ := rowVals()
	rows, missing := decodeRows[Video](ids, cachedStrings(vals))
	if err := loadRows(ctx, videos.rds, videos.CachedConn, videos.table, videoRows, cacheVideoIdPrefix, missing,
		func(v *Video) int64 { return v.Id }, rows); err != nil {
		return nil, err
	}
	deltaVals, _ := pending()
	deltas := deltasOf(ids, deltaVals)
	for id, v := range rows {
		v.FavoriteCount += deltas[id]
	}
	return rows, nil
}
