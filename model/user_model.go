package model

import (
	"context"
	"fmt"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/ids"
	"douyin/pkg/rowcache"
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
		// AddFavoriteCounts adds likes given (favorite_count) and received
		// (total_favorited) to many users in one statement, inside the caller's
		// transaction; call DelCache after the commit.
		AddFavoriteCounts(ctx context.Context, session sqlx.Session, given, received map[int64]int64) error
		// DelCache drops the cached rows of ids (now, and once more a second later).
		DelCache(ctx context.Context, ids ...int64) error
		// Rows reads many users at once through the row cache.
		Rows() *rowcache.Reader[User]
	}

	// UserCounts are the counter columns of a user, or changes to them.
	UserCounts struct {
		Follow, Follower, Work, Favorite, TotalFavorited int64
	}

	customUserModel struct {
		*defaultUserModel
		rows *rowcache.Reader[User]
	}
)

// NewUserModel returns a model for the database table. node must be the (single)
// node of c: batch reads go to it directly.
func NewUserModel(conn sqlx.SqlConn, c cache.CacheConf, node *redis.Redis) UserModel {
	m := &customUserModel{defaultUserModel: newUserModel(conn, c, cacheOptions...)}
	m.rows = rowcache.New(node, m.CachedConn, m.table, userRows, cacheUserIdPrefix,
		func(u *User) int64 { return u.Id }, nil, cacheOptions...)
	return m
}

func (m *customUserModel) Rows() *rowcache.Reader[User] { return m.rows }

func (m *customUserModel) AddCounts(ctx context.Context, session sqlx.Session, id int64, d UserCounts) error {
	query := fmt.Sprintf("update %s set `follow_count` = `follow_count` + ?, `follower_count` = `follower_count` + ?, "+
		"`work_count` = `work_count` + ?, `favorite_count` = `favorite_count` + ?, "+
		"`total_favorited` = `total_favorited` + ? where `id` = ?", m.table)
	_, err := session.ExecCtx(ctx, query, d.Follow, d.Follower, d.Work, d.Favorite, d.TotalFavorited, id)
	return err
}

func (m *customUserModel) AddFavoriteCounts(ctx context.Context, session sqlx.Session, given, received map[int64]int64) error {
	users := sortedIDs(given, received)
	if len(users) == 0 {
		return nil
	}
	givenCase, args := deltaCase(users, given)
	receivedCase, receivedArgs := deltaCase(users, received)
	query := fmt.Sprintf("update %s set `favorite_count` = `favorite_count` + %s, "+
		"`total_favorited` = `total_favorited` + %s where `id` in (%s)",
		m.table, givenCase, receivedCase, ids.Placeholders(len(users)))
	args = append(append(args, receivedArgs...), ids.Args(users)...)
	_, err := session.ExecCtx(ctx, query, args...)
	return err
}

func (m *customUserModel) DelCache(ctx context.Context, ids ...int64) error {
	return m.rows.DelTwice(ctx, m.DelCacheCtx, ids...)
}
