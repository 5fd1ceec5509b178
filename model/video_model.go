package model

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ VideoModel = (*customVideoModel)(nil)

type (
	// VideoModel is an interface to be customized, add more methods here,
	// and implement the added methods in customVideoModel.
	VideoModel interface {
		videoModel
		// Publish inserts v and counts it in its author's work_count, in one
		// transaction, then puts it at the head of the timeline.
		Publish(ctx context.Context, v *Video, users UserModel) (int64, error)
		// ByAuthor answers the ids of the author's videos, newest first, from a
		// cached list that Publish invalidates.
		ByAuthor(ctx context.Context, authorID int64) ([]int64, error)
		// PublishedKeys answers which of playKeys belong to videos published
		// between since and until (epoch ms, inclusive).
		PublishedKeys(ctx context.Context, playKeys []string, since, until int64) ([]string, error)
		// AddCommentCount changes comment_count inside the caller's transaction;
		// call DelCache after the commit.
		AddCommentCount(ctx context.Context, session sqlx.Session, id, delta int64) error
		// DelCache drops the cached rows of ids (now, and once more a second later).
		DelCache(ctx context.Context, ids ...int64) error
	}

	customVideoModel struct {
		*defaultVideoModel
		rds      *redis.Redis // the cache node: batch reads and the timeline
		timeline timeline
		byAuthor idListCache // each author's video ids, newest first
	}
)

// NewVideoModel returns a model for the database table.
func NewVideoModel(conn sqlx.SqlConn, c cache.CacheConf, rds *redis.Redis) VideoModel {
	m := &customVideoModel{
		defaultVideoModel: newVideoModel(conn, c, cache.WithExpiry(rowCacheExpiry)),
		rds:               rds,
	}
	m.timeline = timeline{rds: rds, conn: m.CachedConn, table: m.table, capacity: timelineCapacity}
	m.byAuthor = idListCache{rds: rds, prefix: "video:author:", ttl: time.Hour, load: m.idsByAuthor}
	return m
}

func (m *customVideoModel) Publish(ctx context.Context, v *Video, users UserModel) (int64, error) {
	var id int64
	err := m.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		query := fmt.Sprintf("insert into %s (%s) values (?, ?, ?, ?, ?, ?, ?)", m.table, videoRowsExpectAutoSet)
		res, err := session.ExecCtx(ctx, query, v.AuthorId, v.Title, v.PlayKey, v.CoverKey,
			v.FavoriteCount, v.CommentCount, v.CreatedAt)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return users.AddCounts(ctx, session, v.AuthorId, UserCounts{Work: 1})
	})
	if err != nil {
		return 0, err
	}
	// A read of this id before it existed may have cached "not found".
	if err := m.DelCache(ctx, id); err != nil {
		return 0, err
	}
	if err := users.DelCache(ctx, v.AuthorId); err != nil {
		return 0, err
	}
	if err := m.byAuthor.Invalidate(ctx, v.AuthorId); err != nil {
		return 0, err
	}
	if err := m.timeline.add(ctx, id, v.CreatedAt); err != nil {
		// The row is in: a timeline without it would hide it from the feed, so
		// drop the timeline (the next read rebuilds it) and report success.
		if _, delErr := m.rds.DelCtx(ctx, timelineKey); delErr != nil {
			return id, err
		}
		logx.WithContext(ctx).Errorf("timeline add of video %d: %v (timeline dropped)", id, err)
	}
	return id, nil
}

func (m *customVideoModel) ByAuthor(ctx context.Context, authorID int64) ([]int64, error) {
	return m.byAuthor.Get(ctx, authorID)
}

func (m *customVideoModel) idsByAuthor(ctx context.Context, authorID int64) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `id` from %s where `author_id` = ? order by `created_at` desc, `id` desc", m.table)
	err := m.QueryRowsNoCacheCtx(ctx, &ids, query, authorID)
	return ids, err
}

func (m *customVideoModel) PublishedKeys(ctx context.Context, playKeys []string, since, until int64) ([]string, error) {
	if len(playKeys) == 0 {
		return nil, nil
	}
	args := make([]any, 0, 2+len(playKeys))
	args = append(args, since, until)
	for _, k := range playKeys {
		args = append(args, k)
	}
	// The time window is a range of idx_created_at: no scan of the whole table.
	query := fmt.Sprintf("select `play_key` from %s where `created_at` between ? and ? and `play_key` in (%s)",
		m.table, strings.TrimSuffix(strings.Repeat("?,", len(playKeys)), ","))
	var found []string
	err := m.QueryRowsNoCacheCtx(ctx, &found, query, args...)
	return found, err
}

func (m *customVideoModel) AddCommentCount(ctx context.Context, session sqlx.Session, id, delta int64) error {
	query := fmt.Sprintf("update %s set `comment_count` = `comment_count` + ? where `id` = ?", m.table)
	_, err := session.ExecCtx(ctx, query, delta, id)
	return err
}

func (m *customVideoModel) DelCache(ctx context.Context, ids ...int64) error {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = cacheVideoIdPrefix + strconv.FormatInt(id, 10)
	}
	delCacheAgain(m.CachedConn, keys...)
	return m.DelCacheCtx(ctx, keys...)
}
