package model

import (
	"context"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ FollowModel = (*customFollowModel)(nil)

type (
	// FollowModel is an interface to be customized, add more methods here,
	// and implement the added methods in customFollowModel.
	FollowModel interface {
		followModel
		// FollowedAmong tells which of ids userID follows, from a Redis set
		// loaded once per user: a warm page never reaches MySQL.
		FollowedAmong(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error)
		// InvalidateFollowing drops the cached sets of userIDs after a commit.
		InvalidateFollowing(ctx context.Context, userIDs ...int64) error
		// Follow makes from follow to and counts it on both users, in one
		// transaction; false when from already followed to (nothing changes).
		Follow(ctx context.Context, from, to int64, users UserModel) (bool, error)
		// Unfollow undoes Follow; false when from did not follow to.
		Unfollow(ctx context.Context, from, to int64, users UserModel) (bool, error)
		// Following answers whom userID follows, most recent first (cached).
		Following(ctx context.Context, userID int64) ([]int64, error)
		// Followers answers who follows userID, most recent first (cached).
		Followers(ctx context.Context, userID int64) ([]int64, error)
		// Friends answers the users who follow userID and whom userID follows,
		// most recently followed first: the two cached lists intersected.
		Friends(ctx context.Context, userID int64) ([]int64, error)
	}

	customFollowModel struct {
		*defaultFollowModel
		following idSetCache
		// The follow and follower lists, newest first.
		followingList, followerList idListCache
	}
)

// NewFollowModel returns a model for the database table.
func NewFollowModel(conn sqlx.SqlConn, c cache.CacheConf, rds *redis.Redis) FollowModel {
	m := &customFollowModel{defaultFollowModel: newFollowModel(conn, c, cache.WithExpiry(rowCacheExpiry))}
	m.following = idSetCache{rds: rds, prefix: "follow:following:", ttl: time.Hour, load: m.followingIDs}
	m.followingList = idListCache{rds: rds, prefix: "follow:list:following:", ttl: time.Hour, load: m.loadFollowing}
	m.followerList = idListCache{rds: rds, prefix: "follow:list:followers:", ttl: time.Hour, load: m.loadFollowers}
	return m
}

func (m *customFollowModel) FollowedAmong(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error) {
	return m.following.Among(ctx, userID, ids)
}

func (m *customFollowModel) InvalidateFollowing(ctx context.Context, userIDs ...int64) error {
	return m.following.Invalidate(ctx, userIDs...)
}

func (m *customFollowModel) followingIDs(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `to_user_id` from %s where `user_id` = ?", m.table)
	err := m.QueryRowsNoCacheCtx(ctx, &ids, query, userID)
	return ids, err
}

func (m *customFollowModel) Follow(ctx context.Context, from, to int64, users UserModel) (bool, error) {
	// The unique key (user_id, to_user_id) decides between racing follows.
	insert := fmt.Sprintf("insert ignore into %s (`user_id`, `to_user_id`, `created_at`) values (?, ?, ?)", m.table)
	return m.change(ctx, from, to, users, 1, insert, from, to, time.Now().UnixMilli())
}

func (m *customFollowModel) Unfollow(ctx context.Context, from, to int64, users UserModel) (bool, error) {
	del := fmt.Sprintf("delete from %s where `user_id` = ? and `to_user_id` = ?", m.table)
	return m.change(ctx, from, to, users, -1, del, from, to)
}

// change runs statement and, only if it changed a row, the counters of both users.
func (m *customFollowModel) change(ctx context.Context, from, to int64, users UserModel, delta int64,
	statement string, args ...any) (bool, error) {
	changed := false
	err := m.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		res, err := session.ExecCtx(ctx, statement, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		changed = true
		if err := users.AddCounts(ctx, session, from, UserCounts{Follow: delta}); err != nil {
			return err
		}
		return users.AddCounts(ctx, session, to, UserCounts{Follower: delta})
	})
	if err != nil || !changed {
		return false, err
	}
	key := fmt.Sprintf("%s%v:%v", cacheFollowUserIdToUserIdPrefix, from, to)
	if err := m.DelCacheCtx(ctx, key); err != nil {
		return true, err
	}
	if err := users.DelCache(ctx, from, to); err != nil {
		return true, err
	}
	if err := m.followingList.Invalidate(ctx, from); err != nil {
		return true, err
	}
	if err := m.followerList.Invalidate(ctx, to); err != nil {
		return true, err
	}
	return true, m.InvalidateFollowing(ctx, from, to)
}

func (m *customFollowModel) Following(ctx context.Context, userID int64) ([]int64, error) {
	return m.followingList.Get(ctx, userID)
}

func (m *customFollowModel) Followers(ctx context.Context, userID int64) ([]int64, error) {
	return m.followerList.Get(ctx, userID)
}

func (m *customFollowModel) Friends(ctx context.Context, userID int64) ([]int64, error) {
	following, err := m.Following(ctx, userID)
	if err != nil || len(following) == 0 {
		return nil, err
	}
	followers, err := m.Followers(ctx, userID)
	if err != nil {
		return nil, err
	}
	followsBack := make(map[int64]bool, len(followers))
	for _, id := range followers {
		followsBack[id] = true
	}
	friends := make([]int64, 0, min(len(following), len(followers)))
	for _, id := range following {
		if followsBack[id] {
			friends = append(friends, id)
		}
	}
	return friends, nil
}

func (m *customFollowModel) loadFollowing(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `to_user_id` from %s where `user_id` = ? order by `id` desc", m.table)
	err := m.QueryRowsNoCacheCtx(ctx, &ids, query, userID)
	return ids, err
}

func (m *customFollowModel) loadFollowers(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `user_id` from %s where `to_user_id` = ? order by `id` desc", m.table)
	err := m.QueryRowsNoCacheCtx(ctx, &ids, query, userID)
	return ids, err
}
