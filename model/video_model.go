package model

import (
	"context"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlc"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/ids"
	"douyin/pkg/rediscoll"
	"douyin/pkg/rowcache"
)

var _ VideoModel = (*customVideoModel)(nil)

// The Redis collections of videos, on the cache node.
const (
	// timelineKey holds the newest timelineCapacity video ids by publish time.
	timelineKey      = "video:timeline"
	timelineCapacity = 10000
	// byAuthorPrefix + author holds the author's video ids, newest first.
	byAuthorPrefix = "video:author:"
)

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
		// AddFavoriteCounts adds deltas to the favorite_count of many videos in
		// one statement, inside the caller's transaction; call DelCache after the
		// commit.
		AddFavoriteCounts(ctx context.Context, session sqlx.Session, deltas map[int64]int64) error
		// DelCache drops the cached rows of ids (now, and once more a second later).
		DelCache(ctx context.Context, ids ...int64) error
		// Rows reads many videos at once through the row cache.
		Rows() *rowcache.Reader[Video]
		// Timeline is the newest videos by publish time (the feed).
		Timeline() *rediscoll.Timeline
		// The playback rendition's processing (video_processing.go).
		VideoProcessing
	}

	customVideoModel struct {
		*defaultVideoModel
		rows     *rowcache.Reader[Video]
		timeline *rediscoll.Timeline
		byAuthor *rediscoll.IDList
	}
)

// NewVideoModel returns a model for the database table. node must be the
// (single) node of c: batch reads and the timeline go to it directly.
func NewVideoModel(conn sqlx.SqlConn, c cache.CacheConf, node *redis.Redis) VideoModel {
	m := &customVideoModel{defaultVideoModel: newVideoModel(conn, c, cacheOptions...)}
	m.rows = rowcache.New(node, m.CachedConn, m.table, videoRows, cacheVideoIdPrefix,
		func(v *Video) int64 { return v.Id }, nil, cacheOptions...)
	m.timeline = rediscoll.NewTimeline(node, timelineKey, timelineCapacity, videoTimeline{conn: m.CachedConn, table: m.table})
	m.byAuthor = rediscoll.NewIDList(node, byAuthorPrefix, time.Hour, idsBy(m.CachedConn,
		fmt.Sprintf("select `id` from %s where `author_id` = ? order by `created_at` desc, `id` desc", m.table)))
	return m
}

func (m *customVideoModel) Rows() *rowcache.Reader[Video] { return m.rows }
func (m *customVideoModel) Timeline() *rediscoll.Timeline { return m.timeline }

func (m *customVideoModel) Publish(ctx context.Context, v *Video, users UserModel) (int64, error) {
	var id int64
	err := m.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		// Every video starts pending: the worker makes its playback rendition.
		query := fmt.Sprintf("insert into %s (%s) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", m.table, videoRowsExpectAutoSet)
		res, err := session.ExecCtx(ctx, query, v.AuthorId, v.Title, v.PlayKey, v.CoverKey,
			v.FavoriteCount, v.CommentCount, v.CreatedAt, ProcessPending, "", 0, v.CreatedAt, 0)
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
	if err := m.timeline.Add(ctx, id, v.CreatedAt); err != nil {
		// The row is in: a timeline without it would hide it from the feed, so
		// drop the timeline (the next read rebuilds it) and report success.
		if delErr := m.timeline.Drop(ctx); delErr != nil {
			return id, err
		}
		logx.WithContext(ctx).Errorf("timeline add of video %d: %v (timeline dropped)", id, err)
	}
	return id, nil
}

func (m *customVideoModel) ByAuthor(ctx context.Context, authorID int64) ([]int64, error) {
	return m.byAuthor.Get(ctx, authorID)
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
		m.table, ids.Placeholders(len(playKeys)))
	var found []string
	err := m.QueryRowsNoCacheCtx(ctx, &found, query, args...)
	return found, err
}

func (m *customVideoModel) AddCommentCount(ctx context.Context, session sqlx.Session, id, delta int64) error {
	query := fmt.Sprintf("update %s set `comment_count` = `comment_count` + ? where `id` = ?", m.table)
	_, err := session.ExecCtx(ctx, query, delta, id)
	return err
}

func (m *customVideoModel) AddFavoriteCounts(ctx context.Context, session sqlx.Session, deltas map[int64]int64) error {
	videos := sortedIDs(deltas)
	if len(videos) == 0 {
		return nil
	}
	favoriteCase, args := deltaCase(videos, deltas)
	query := fmt.Sprintf("update %s set `favorite_count` = `favorite_count` + %s where `id` in (%s)",
		m.table, favoriteCase, ids.Placeholders(len(videos)))
	_, err := session.ExecCtx(ctx, query, append(args, ids.Args(videos)...)...)
	return err
}

func (m *customVideoModel) DelCache(ctx context.Context, ids ...int64) error {
	return m.rows.DelTwice(ctx, m.DelCacheCtx, ids...)
}

// videoTimeline is the timeline's source: table in publish order, a range of
// idx_created_at whose cost does not grow with the table.
type videoTimeline struct {
	conn  sqlc.CachedConn
	table string
}

func (s videoTimeline) Newest(ctx context.Context, limit int) ([]rediscoll.TimelineEntry, error) {
	var newest []rediscoll.TimelineEntry
	query := fmt.Sprintf("select `id`, `created_at` from %s order by `created_at` desc, `id` desc limit ?", s.table)
	err := s.conn.QueryRowsNoCacheCtx(ctx, &newest, query, limit)
	return newest, err
}

func (s videoTimeline) Before(ctx context.Context, ms int64, limit int) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `id` from %s where `created_at` < ? order by `created_at` desc, `id` desc limit ?", s.table)
	err := s.conn.QueryRowsNoCacheCtx(ctx, &ids, query, ms, limit)
	return ids, err
}
