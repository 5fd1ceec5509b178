package model

import (
	"context"

	"douyin/pkg/userpb"

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
	read := m.userViewsRead(viewer, ids)
	if err := m.readPage(ctx, read); err != nil {
		return nil, err
	}
	return read.result(ctx)
}

// UserViewList is UserViews in the order of ids, each user once, unknown ids
// left out: the shape every list of people answers.
func (m *Models) UserViewList(ctx context.Context, viewer int64, ids []int64) ([]*UserView, error) {
	views, err := m.UserViews(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	return inOrder(ids, views), nil
}

// inOrder lists the values of byID in the order of ids, each once. It takes the
// listed entries out of byID, which the callers own.
func inOrder[T any](ids []int64, byID map[int64]*T) []*T {
	list := make([]*T, 0, len(byID))
	for _, id := range ids {
		if v, ok := byID[id]; ok {
			delete(byID, id) // each once
			list = append(list, v)
		}
	}
	return list
}

// userViewsRead is the pageRead of UserViews.
type userViewsRead struct {
	m                   *Models
	viewer              int64
	ids                 []int64
	rowVals             func() ([]any, error)
	followFlags         func() ([]bool, error)
	favorite, favorited func() ([]any, error)
}

func (m *Models) userViewsRead(viewer int64, ids []int64) *userViewsRead {
	return &userViewsRead{m: m, viewer: viewer, ids: uniquePositive(ids)}
}

func (r *userViewsRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	if len(r.ids) == 0 {
		return
	}
	r.rowVals = p.MGet(ctx, rowKeys(cacheUserIdPrefix, r.ids)...).Result
	if r.viewer > 0 {
		r.followFlags = r.m.Follow.(*customFollowModel).following.queueAmong(ctx, p, r.viewer, r.ids)
	}
}

func (r *userViewsRead) queueData(ctx context.Context, p redis.Pipeliner) {
	if len(r.ids) == 0 {
		return
	}
	fields := idStrings(r.ids)
	r.favorite = p.HMGet(ctx, likePendingUserFavorites, fields...).Result
	r.favorited = p.HMGet(ctx, likePendingUserFavorited, fields...).Result
}

func (r *userViewsRead) result(ctx context.Context) (map[int64]*UserView, error) {
	if len(r.ids) == 0 {
		return map[int64]*UserView{}, nil
	}
	users := r.m.User.(*customUserModel)
	vals, err := r.rowVals()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	rows, missing := decodeRows[User](r.ids, cachedStrings(vals))
	if err := loadRows(ctx, users.rds, users.CachedConn, users.table, userRows, cacheUserIdPrefix, missing,
		func(u *User) int64 { return u.Id }, rows); err != nil {
		return nil, err
	}
	followed := map[int64]bool{}
	if r.viewer > 0 {
		following := r.m.Follow.(*customFollowModel).following
		if followed, err = following.amongResult(ctx, r.viewer, r.ids, r.followFlags); err != nil {
			return nil, err
		}
	}
	favVals, err := r.favorite()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	favdVals, err := r.favorited()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	favDeltas, favdDeltas := deltasOf(r.ids, favVals), deltasOf(r.ids, favdVals)

	views := make(map[int64]*UserView, len(rows))
	for id, row := range rows {
		v := &UserView{User: *row, IsFollow: followed[id] && id != r.viewer}
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

// Info is the user as every service answers it.
func (v *UserView) Info() *userpb.UserInfo {
	return &userpb.UserInfo{
		Id:                 v.Id,
		Name:               v.Username,
		FollowCount:        v.FollowCount,
		FollowerCount:      v.FollowerCount,
		IsFollow:           v.IsFollow,
		AvatarKey:          v.Avatar,
		BackgroundImageKey: v.BackgroundImage,
		Signature:          v.Signature,
		TotalFavorited:     v.TotalFavorited,
		WorkCount:          v.WorkCount,
		FavoriteCount:      v.FavoriteCount,
	}
}

// UserInfos is Info of each of views, in their order.
func UserInfos(views []*UserView) []*userpb.UserInfo {
	infos := make([]*userpb.UserInfo, len(views))
	for i, v := range views {
		infos[i] = v.Info()
	}
	return infos
}
