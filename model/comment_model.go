package model

import (
	"context"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/rediscoll"
	"douyin/pkg/rowcache"
)

var _ CommentModel = (*customCommentModel)(nil)

type (
	// CommentModel is an interface to be customized, add more methods here,
	// and implement the added methods in customCommentModel.
	CommentModel interface {
		commentModel
		// Post inserts c and counts it in its video's comment_count, in one
		// transaction; it answers c with its id.
		Post(ctx context.Context, c *Comment, videos VideoModel) (*Comment, error)
		// Remove deletes c and uncounts it, in one transaction; false when it was
		// already gone (a racing delete), and then nothing changes.
		Remove(ctx context.Context, c *Comment, videos VideoModel) (bool, error)
		// ListByVideo answers the newest max comments of a video, newest first,
		// from a cached list of ids and the row cache.
		ListByVideo(ctx context.Context, videoID int64, max int) ([]*Comment, error)
	}

	customCommentModel struct {
		*defaultCommentModel
		rows    *rowcache.Reader[Comment]
		byVideo *rediscoll.IDList
	}
)

// byVideoPrefix + video holds the video's comment ids, newest first.
const byVideoPrefix = "comment:video:"

// NewCommentModel returns a model for the database table. node must be the
// (single) node of c: batch reads go to it directly.
func NewCommentModel(conn sqlx.SqlConn, c cache.CacheConf, node *redis.Redis) CommentModel {
	m := &customCommentModel{defaultCommentModel: newCommentModel(conn, c, cacheOptions...)}
	m.rows = rowcache.New(node, m.CachedConn, m.table, commentRows, cacheCommentIdPrefix,
		func(c *Comment) int64 { return c.Id }, nil, cacheOptions...)
	m.byVideo = rediscoll.NewIDList(node, byVideoPrefix, time.Hour, idsBy(m.CachedConn,
		fmt.Sprintf("select `id` from %s where `video_id` = ? order by `id` desc", m.table)))
	return m
}

func (m *customCommentModel) Post(ctx context.Context, c *Comment, videos VideoModel) (*Comment, error) {
	err := m.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		query := fmt.Sprintf("insert into %s (%s) values (?, ?, ?, ?)", m.table, commentRowsExpectAutoSet)
		res, err := session.ExecCtx(ctx, query, c.VideoId, c.UserId, c.Content, c.CreatedAt)
		if err != nil {
			return err
		}
		if c.Id, err = res.LastInsertId(); err != nil {
			return err
		}
		return videos.AddCommentCount(ctx, session, c.VideoId, 1)
	})
	if err != nil {
		return nil, err
	}
	return c, m.afterChange(ctx, c, videos)
}

func (m *customCommentModel) Remove(ctx context.Context, c *Comment, videos VideoModel) (bool, error) {
	removed := false
	err := m.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		query := fmt.Sprintf("delete from %s where `id` = ?", m.table)
		res, err := session.ExecCtx(ctx, query, c.Id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		removed = true
		return videos.AddCommentCount(ctx, session, c.VideoId, -1)
	})
	if err != nil || !removed {
		return false, err
	}
	return true, m.afterChange(ctx, c, videos)
}

// afterChange drops what the committed change made stale: the comment's row (and
// a cached "not found" of a new id), the video's row and its comment list.
func (m *customCommentModel) afterChange(ctx context.Context, c *Comment, videos VideoModel) error {
	if err := m.rows.DelTwice(ctx, m.DelCacheCtx, c.Id); err != nil {
		return err
	}
	if err := videos.DelCache(ctx, c.VideoId); err != nil {
		return err
	}
	return m.byVideo.Invalidate(ctx, c.VideoId)
}

func (m *customCommentModel) ListByVideo(ctx context.Context, videoID int64, max int) ([]*Comment, error) {
	ids, err := m.byVideo.Get(ctx, videoID)
	if err != nil {
		return nil, err
	}
	ids = ids[:min(len(ids), max)] // only the rows of the answer are read
	rows, err := m.rows.Find(ctx, ids)
	if err != nil {
		return nil, err
	}
	comments := make([]*Comment, 0, len(ids))
	for _, id := range ids {
		if c, ok := rows[id]; ok {
			comments = append(comments, c)
		}
	}
	return comments, nil
}
