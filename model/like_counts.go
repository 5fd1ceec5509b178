package model

import (
	"context"
	"database/sql"

	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/likestore"
)

// LikeCounts reads the like counters of one like straight from MySQL, for the
// like store's first count of a video or user (likestore.CountLoader): a cached
// row may be older than the last flush.
type LikeCounts struct {
	conn sqlx.SqlConn
}

// NewLikeCounts returns the reader of like counters.
func NewLikeCounts(conn sqlx.SqlConn) LikeCounts { return LikeCounts{conn: conn} }

// LikeCounts answers the video's favorite_count, the user's favorite_count and
// the author's total_favorited in one statement (0 for a missing row).
func (l LikeCounts) LikeCounts(ctx context.Context, videoID, userID, authorID int64) (likestore.Counts, error) {
	var row struct {
		Video  sql.NullInt64 `db:"video"`
		User   sql.NullInt64 `db:"user"`
		Author sql.NullInt64 `db:"author"`
	}
	err := l.conn.QueryRowCtx(ctx, &row, "select "+
		"(select `favorite_count` from `video` where `id` = ?) as `video`, "+
		"(select `favorite_count` from `user` where `id` = ?) as `user`, "+
		"(select `total_favorited` from `user` where `id` = ?) as `author`", videoID, userID, authorID)
	if err != nil {
		return likestore.Counts{}, err
	}
	return likestore.Counts{Video: row.Video.Int64, User: row.User.Int64, Author: row.Author.Int64}, nil
}
