package model

import (
	"context"

	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/likestore"
)

// LikeFlush writes like batches (likestore.Batch) to MySQL: the tables' own
// methods composed in one transaction.
type LikeFlush struct {
	conn    sqlx.SqlConn
	flushes FavoriteFlushModel
	shards  *FavoriteShards
	videos  VideoModel
	users   UserModel
}

// NewLikeFlush returns the writer of like batches.
func NewLikeFlush(conn sqlx.SqlConn, shards *FavoriteShards, videos VideoModel, users UserModel) *LikeFlush {
	return &LikeFlush{conn: conn, flushes: NewFavoriteFlushModel(conn), shards: shards, videos: videos, users: users}
}

// ApplyBatch writes one flush batch of a user in ONE transaction: the batch
// marker in favorite_flush, the rows of the user's shard (multi-row upsert), and
// the counters of the affected videos and users, each row once, relatively.
// It answers false, changing nothing, when the batch was applied before (a
// redelivered task, or a worker killed before its Redis clean-up).
func (f *LikeFlush) ApplyBatch(ctx context.Context, b *likestore.Batch) (applied bool, err error) {
	err = f.conn.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		if applied, err = f.flushes.Advance(ctx, session, b.UserID, b.Batch); err != nil || !applied {
			return err
		}
		if err := f.shards.Of(b.UserID).Upsert(ctx, session, b.UserID, b.Rows); err != nil {
			return err
		}
		// Videos before users in every flush: one lock order, no deadlocks between flushes.
		if err := f.videos.AddFavoriteCounts(ctx, session, b.VideoLikes); err != nil {
			return err
		}
		return f.users.AddFavoriteCounts(ctx, session, b.UserLikes, b.AuthorLikes)
	})
	return applied && err == nil, err
}
