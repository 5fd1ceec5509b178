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
	}

	customFollowModel struct {
		*defaultFollowModel
		following idSetCache
	}
)

// NewFollowModel returns a model for the database table.
func NewFollowModel(conn sqlx.SqlConn, c cache.CacheConf, rds *redis.Redis) FollowModel {
	m := &customFollowModel{defaultFollowModel: newFollowModel(conn, c, cache.WithExpiry(rowCacheExpiry))}
	m.following = idSetCache{rds: rds, prefix: "follow:following:", ttl: time.Hour, load: m.followingIDs}
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
