package model

import (
	"context"
	"strconv"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// UserView is a user as a viewer sees it: the row with the pending likes added
// to its counters, and whether the viewer follows the user.
type UserView struct {
	User
	IsFollow bool
}

// UserViews reads users for viewer (0 = anonymous). Rows and follow flags come
// from the cache node, pending like deltas from the data Redis: one pipelined
// round trip in all when they are one server and everything is warm, which is
// what a User object costs on every page. Unknown ids are absent.
func (m *Models) UserViews(ctx context.Context, viewer int64, ids []int64) (map[int64]*UserView, error) {
	users := m.User.(*customUserModel)
	following := m.Follow.(*customFollowModel).following
	ids = uniquePositive(ids)
	if len(ids) == 0 {
		return map[int64]*UserView{}, nil
	}
	fields := make([]string, len(ids))
	for i, id := range ids {
		fields[i] = strconv.FormatInt(id, 10)
	}

	var (
		rowVals             func() ([]any, error)
		followFlags         func() (any, error)
		favorite, favorited func() ([]any, error)
	)
	queueCache := func(p redis.Pipeliner) error {
		rowVals = p.MGet(ctx, rowKeys(cacheUserIdPrefix, ids)...).Result
		if viewer > 0 {
			followFlags = following.queueAmong(ctx, p, viewer, ids)
		}
		return nil
	}
	queueData := func(p redis.Pipeliner) error {
		favorite = p.HMGet(ctx, likePendingUserFavorites, fields...).Result
		favorited = p.HMGet(ctx, likePendingUserFavorited, fields...).Result
		return nil
	}
	if m.CacheNode.Addr == m.Redis.Addr {
		if err := m.Redis.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			_ = queueCache(p)
			return queueData(p)
		}); err != nil {
			return nil, err
		}
	} else {
		if err := m.CacheNode.PipelinedCtx(ctx, queueCache); err != nil {
			return nil, err
		}
		if err := m.Redis.PipelinedCtx(ctx, queueData); err != nil {
			return nil, err
		}
	}

	vals, _ := rowVals()
	rows, missing := decodeRows[User](ids, cachedStrings(vals))
	if err := loadRows(ctx, users.rds, users.CachedConn, users.table, userRows, cacheUserIdPrefix, missing,
		func(u *User) int64 { return u.Id }, rows); err != nil {
		return nil, err
	}
	followed := map[int64]bool{}
	if viewer > 0 {
		res, _ := followFlags()
		var err error
		if followed, err = following.amongResult(ctx, viewer, ids, res); err != nil {
			return nil, err
		}
	}
	favVals, _ := favorite()
	favdVals, _ := favorited()
	favDeltas, favdDeltas := deltasOf(ids, favVals), deltasOf(ids, favdVals)

	views := make(map[int64]*UserView, len(rows))
	for id, row := range rows {
		v := &UserView{User: *row, IsFollow: followed[id] && id != viewer}
		v.FavoriteCount += favDeltas[id]
		v.TotalFavorited += favdDeltas[id]
		views[id] = v
	}
	return views, nil
}

// cachedStrings turns MGET's answer into strings, "" for a missing key.
func cachedStrings(vals []any) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i], _ = v.(string)
	}
	return out
}

// UserViewList is UserViews in the order of ids, each user once, unknown ids
// left out: the shape every list of people answers.
func (m *Models) UserViewList(ctx context.Context, viewer int64, ids []int64) ([]*UserView, error) {
	views, err := m.UserViews(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	list := make([]*UserView, 0, len(views))
	for _, id := range ids {
		if v, ok := views[id]; ok {
			delete(views, id) // each user once
			list = append(list, v)
		}
	}
	return list, nil
}
