package model

import (
	"context"
	"fmt"
	"strings"

	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/likestore"
)

var _ FavoriteModel = (*customFavoriteModel)(nil)

type (
	// FavoriteModel is an interface to be customized, add more methods here,
	// and implement the added methods in customFavoriteModel.
	FavoriteModel interface {
		favoriteModel
		withSession(session sqlx.Session) FavoriteModel
		// LikedBy reads every video userID likes (flushed likes only).
		LikedBy(ctx context.Context, userID int64) ([]likestore.Liked, error)
		// Upsert writes the states of userID's rows inside the caller's
		// transaction: multi-row upserts, flushRowsPerStatement rows each.
		Upsert(ctx context.Context, session sqlx.Session, userID int64, rows []likestore.Row) error
	}

	customFavoriteModel struct {
		*defaultFavoriteModel
	}
)

// NewFavoriteModel returns a model for the database table.
func NewFavoriteModel(conn sqlx.SqlConn) FavoriteModel {
	return &customFavoriteModel{
		defaultFavoriteModel: newFavoriteModel(conn),
	}
}

func (m *customFavoriteModel) withSession(session sqlx.Session) FavoriteModel {
	return &customFavoriteModel{defaultFavoriteModel: &defaultFavoriteModel{
		conn: sqlx.NewSqlConnFromSession(session), table: m.table}}
}

// FavoriteShards routes each user's likes to one of the tables favorite_00 ..
// favorite_(N-1) (deploy/scripts/schema.sh creates them; deploy/sql/plain/
// favorite.sql is their template, from which goctl generates the model): one
// model per shard, the generated one with the shard's table name.
type FavoriteShards struct {
	n      int
	tables []string
	shards []FavoriteModel
}

// NewFavoriteShards returns the router over n shards (likestore.DefaultShards if n <= 0).
func NewFavoriteShards(conn sqlx.SqlConn, n int) *FavoriteShards {
	if n <= 0 {
		n = likestore.DefaultShards
	}
	s := &FavoriteShards{n: n, tables: make([]string, n), shards: make([]FavoriteModel, n)}
	for i := range s.shards {
		m := newFavoriteModel(conn)
		m.table = fmt.Sprintf("`favorite_%02d`", i)
		s.tables[i], s.shards[i] = m.table, &customFavoriteModel{defaultFavoriteModel: m}
	}
	return s
}

// Of is the model of user's shard.
func (s *FavoriteShards) Of(userID int64) FavoriteModel {
	return s.shards[likestore.Shard(userID, s.n)]
}

// Table is the quoted name of user's shard.
func (s *FavoriteShards) Table(userID int64) string {
	return s.tables[likestore.Shard(userID, s.n)]
}

// LikedVideos reads every video user likes from the user's shard (the like
// store's StateLoader).
func (s *FavoriteShards) LikedVideos(ctx context.Context, userID int64) ([]likestore.Liked, error) {
	return s.Of(userID).LikedBy(ctx, userID)
}

func (m *customFavoriteModel) LikedBy(ctx context.Context, userID int64) ([]likestore.Liked, error) {
	var liked []likestore.Liked
	query := fmt.Sprintf("select `video_id`, `updated_at` from %s where `user_id` = ? and `liked` = 1", m.table)
	if err := m.conn.QueryRowsCtx(ctx, &liked, query, userID); err != nil {
		return nil, err
	}
	return liked, nil
}

// flushRowsPerStatement bounds one multi-row INSERT of a flush.
const flushRowsPerStatement = 1000

func (m *customFavoriteModel) Upsert(ctx context.Context, session sqlx.Session, userID int64, rows []likestore.Row) error {
	for start := 0; start < len(rows); start += flushRowsPerStatement {
		part := rows[start:min(start+flushRowsPerStatement, len(rows))]
		args := make([]any, 0, 4*len(part))
		for _, r := range part {
			liked := 0
			if r.Liked {
				liked = 1
			}
			args = append(args, userID, r.VideoID, liked, r.At)
		}
		query := fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values %s "+
			"on duplicate key update `liked` = values(`liked`), `updated_at` = values(`updated_at`)",
			m.table, strings.TrimSuffix(strings.Repeat("(?,?,?,?),", len(part)), ","))
		if _, err := session.ExecCtx(ctx, query, args...); err != nil {
			return err
		}
	}
	return nil
}
