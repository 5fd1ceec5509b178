package model

import (
	"context"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/rediscoll"
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
		// FollowingSet is the set of whom each user follows (is_follow of a page).
		FollowingSet() *rediscoll.IDSet
	}

	customFollowModel struct {
		*defaultFollowModel
		following *rediscoll.IDSet
		// The follow and follower lists, newest first.
		followingList, followerList *rediscoll.IDList
	}
)

// The Redis collections of follows (on the cache node), by user id.
const (
	followingSetPrefix  = "follow:following:"
	followingListPrefix = "follow:list:following:"
	followerListPrefix  = "follow:list:followers:"
)

// NewFollowModel returns a model for the database table.
func NewFollowModel(conn sqlx.SqlConn, c cache.CacheConf, node *redis.Redis) FollowModel {
	m := &customFollowModel{defaultFollowModel: newFollowModel(conn, c, cacheOptions...)}
	m.following = rediscoll.NewIDSet(node, followingSetPrefix, time.Hour, m.followingIDs())
	m.followingList = rediscoll.NewIDList(node, followingListPrefix, time.Hour, idsBy(m.CachedConn,
		fmt.Sprintf("select `to_user_id` from %s where `user_id` = ? order by `id` desc", m.table)))
	m.followerList = rediscoll.NewIDList(node, followerListPrefix, time.Hour, idsBy(m.CachedConn,
		fmt.Sprintf("select `user_id` from %s where `to_user_id` = ? order by `id` desc", m.table)))
	return m
}

func (m *customFollowModel) FollowingSet() *rediscoll.IDSet { return m.following }

func (m *customFollowModel) FollowedAmong(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error) {
	return m.following.Among(ctx, userID, ids)
}

func (m *customFollowModel) InvalidateFollowing(ctx context.Context, userIDs ...int64) error {
	return m.following.Invalidate(ctx, userIDs...)
}

// followingIDs loads whom a user follows, in no order (the following set).
func (m *customFollowModel) followingIDs() rediscoll.Loader {
	return idsBy(m.CachedConn, fmt.Sprintf("select `to_user_id` from %s where `user_id` = ?", m.table))
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
