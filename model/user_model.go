package model

import (
	"context"
	"fmt"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ UserModel = (*customUserModel)(nil)

type (
	// UserModel is an interface to be customized, add more methods here,
	// and implement the added methods in customUserModel.
	UserModel interface {
		userModel
		// AddCounts changes counters relatively inside the caller's transaction;
		// call DelCache with the same ids after the commit.
		AddCounts(ctx context.Context, session sqlx.Session, id int64, delta UserCounts) error
		// DelCache drops the cached rows of ids (now, and once more a second later).
		DelCache(ctx context.Context, ids ...int64) error
	}

	// UserCounts are the counter columns of a user, or changes to them.
	UserCounts struct {
		Follow, Follower, Work, Favorite, TotalFavorited int64
	}

	customUserModel struct {
		*defaultUserModel
		rds *redis.Redis
	}
)

// NewUserModel returns a model for the database table. rds must be the (single)
// node of c: batch reads go to it directly.
func NewUserModel(conn sqlx.SqlConn, c cache.CacheConf, rds *redis.Redis) UserModel {
	return &customUserModel{
		defaultUserModel: newUserModel(conn, c, cache.WithExpiry(rowCacheExpiry)),
		rds:              rds,
	}
}

func (m *customUserModel) AddCounts(ctx context.Context, session sqlx.Session, id int64, d UserCounts) error {
	query := fmt.Sprintf("update %s set `follow_count` = `follow_count` + ?, `follower_count` = `follower_count` + ?, "+
		"`work_count` = `work_count` + ?, `favorite_count` = `favorite_count` + ?, "+
		"`total_favorited` = `total_favorited` + ? where `id` = ?", m.table)
	_, err := session.ExecCtx(ctx, query, d.Follow, d.Follower, d.Work, d.Favorite, d.TotalFavorited, id)
	return err
}

func (m *customUserModel) DelCache(ctx context.Context, ids ...int64) error {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = fmt.Sprintf("%s%d", cacheUserIdPrefix, id)
	}
	delCacheAgain(m.CachedConn, keys...)
	return m.DelCacheCtx(ctx, keys...)
}
