package model

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ FavoriteModel = (*customFavoriteModel)(nil)

type (
	// FavoriteModel is an interface to be customized, add more methods here,
	// and implement the added methods in customFavoriteModel.
	FavoriteModel interface {
		favoriteModel
		withSession(session sqlx.Session) FavoriteModel
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
	return NewFavoriteModel(sqlx.NewSqlConnFromSession(session))
}

// FavoriteShards routes each user's likes to one of the tables favorite_00 ..
// favorite_(N-1) (deploy/scripts/schema.sh creates them): the one place that
// maps a user id to a shard.
type FavoriteShards struct {
	conn sqlx.SqlConn
	n    int64
}

// NewFavoriteShards returns the router over n shards (DefaultLikeShards if n <= 0).
func NewFavoriteShards(conn sqlx.SqlConn, n int) *FavoriteShards {
	if n <= 0 {
		n = DefaultLikeShards
	}
	return &FavoriteShards{conn: conn, n: int64(n)}
}

// Table is the quoted name of user's shard.
func (s *FavoriteShards) Table(userID int64) string {
	return fmt.Sprintf("`favorite_%02d`", userID%s.n)
}

// Model is the generated model bound to user's shard.
func (s *FavoriteShards) Model(userID int64) FavoriteModel {
	m := newFavoriteModel(s.conn)
	m.table = s.Table(userID)
	return &customFavoriteModel{defaultFavoriteModel: m}
}

// LikedVideo is one video a user likes and when.
type LikedVideo struct {
	VideoId   int64 `db:"video_id"`
	UpdatedAt int64 `db:"updated_at"`
}

// LikedVideos reads every video user likes from the user's shard (flushed likes only).
func (s *FavoriteShards) LikedVideos(ctx context.Context, userID int64) ([]LikedVideo, error) {
	var liked []LikedVideo
	query := fmt.Sprintf("select `video_id`, `updated_at` from %s where `user_id` = ? and `liked` = 1", s.Table(userID))
	if err := s.conn.QueryRowsCtx(ctx, &liked, query, userID); err != nil {
		return nil, err
	}
	return liked, nil
}

// flushRowsPerStatement bounds one multi-row INSERT of a flush.
const flushRowsPerStatement = 1000

// ApplyBatch writes one flush batch of a user in ONE transaction: the batch
// marker in favorite_flush, the rows of the user's shard (multi-row upsert), and
// the counters of the affected videos and users, each row once, relatively.
// It answers false, changing nothing, when the batch was applied before (a
// redelivered task, or a worker killed before its Redis clean-up).
func (s *FavoriteShards) ApplyBatch(ctx context.Context, b *LikeBatch) (applied bool, err error) {
	err = s.conn.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		// First, so that concurrent flushes of one user queue on this row. Batch
		// ids grow: a batch not above the recorded one was applied already (or
		// is a stale copy held by a stalled worker).
		res, err := session.ExecCtx(ctx, "insert into `favorite_flush` (`user_id`, `batch`) values (?, ?) "+
			"on duplicate key update `batch` = greatest(`batch`, values(`batch`))", b.UserID, b.Batch)
		if err != nil {
			return err
		}
		// 0 rows affected: the row was left as it was.
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		applied = true
		for start := 0; start < len(b.Rows); start += flushRowsPerStatement {
			rows := b.Rows[start:min(start+flushRowsPerStatement, len(b.Rows))]
			args := make([]any, 0, 4*len(rows))
			for _, r := range rows {
				liked := 0
				if r.Liked {
					liked = 1
				}
				args = append(args, b.UserID, r.VideoID, liked, r.At)
			}
			query := fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values %s "+
				"on duplicate key update `liked` = values(`liked`), `updated_at` = values(`updated_at`)",
				s.Table(b.UserID), strings.TrimSuffix(strings.Repeat("(?,?,?,?),", len(rows)), ","))
			if _, err := session.ExecCtx(ctx, query, args...); err != nil {
				return err
			}
		}
		// Videos before users in every flush: one lock order, no deadlocks between flushes.
		if len(b.VideoFavorites) > 0 {
			ids, cases := caseOf(b.VideoFavorites)
			query := fmt.Sprintf("update `video` set `favorite_count` = `favorite_count` + case `id` %s end "+
				"where `id` in (%s)", caseSQL(len(ids)), placeholders(len(ids)))
			if _, err := session.ExecCtx(ctx, query, append(cases, int64Args(ids)...)...); err != nil {
				return err
			}
		}
		if users := userIDsOf(b.UserFavorites, b.UserFavorited); len(users) > 0 {
			args := make([]any, 0, 5*len(users))
			for _, id := range users {
				args = append(args, id, b.UserFavorites[id])
			}
			for _, id := range users {
				args = append(args, id, b.UserFavorited[id])
			}
			query := fmt.Sprintf("update `user` set `favorite_count` = `favorite_count` + case `id` %s end, "+
				"`total_favorited` = `total_favorited` + case `id` %s end where `id` in (%s)",
				caseSQL(len(users)), caseSQL(len(users)), placeholders(len(users)))
			if _, err := session.ExecCtx(ctx, query, append(args, int64Args(users)...)...); err != nil {
				return err
			}
		}
		return nil
	})
	return applied, err
}

// caseOf sorts the ids of deltas and lists "id, delta" arguments for caseSQL.
func caseOf(deltas map[int64]int64) (ids []int64, args []any) {
	ids = make([]int64, 0, len(deltas))
	for id := range deltas {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	args = make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id, deltas[id])
	}
	return ids, args
}

func caseSQL(n int) string {
	return strings.Repeat("when ? then ? ", n) + "else 0"
}

func userIDsOf(maps ...map[int64]int64) []int64 {
	seen := map[int64]struct{}{}
	var ids []int64
	for _, m := range maps {
		for id := range m {
			if _, ok := seen[id]; !ok {
				seen[id] = struct{}{}
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// DelCountCaches drops the cached rows of the videos and users whose counters a
// flush changed, in one round trip, and once more a second later (a reader
// that loaded a row before the commit may store it back after the first DEL).
func (m *Models) DelCountCaches(ctx context.Context, videoIDs, userIDs []int64) error {
	keys := make([]string, 0, len(videoIDs)+len(userIDs))
	for _, id := range videoIDs {
		keys = append(keys, fmt.Sprintf("%s%d", cacheVideoIdPrefix, id))
	}
	for _, id := range userIDs {
		keys = append(keys, fmt.Sprintf("%s%d", cacheUserIdPrefix, id))
	}
	if len(keys) == 0 {
		return nil
	}
	time.AfterFunc(time.Second, func() {
		if _, err := m.CacheNode.DelCtx(context.Background(), keys...); err != nil {
			logx.Errorf("delayed cache delete of %d rows: %v", len(keys), err)
		}
	})
	_, err := m.CacheNode.DelCtx(ctx, keys...)
	return err
}
