package model

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

// Reshard moves every like row from the shard tables of the recorded layout to
// to tables (favorite_00 ..), in one transaction that checks, before it
// commits, that each user has exactly the rows it had and that every row is in
// its user's table (likestore.Shard), and records the new layout. It is
// offline: no process may write likes meanwhile (they refuse to start with the
// old count afterwards). Tables no longer used are dropped after the commit.
// Answers the count it moved from.
func Reshard(ctx context.Context, conn sqlx.SqlConn, to int) (from int, err error) {
	if to < 1 || to > 99 {
		return 0, fmt.Errorf("reshard: %d shards: want 1..99", to)
	}
	layouts := NewLikeShardLayoutModel(conn)
	layout, err := layouts.FindOne(ctx, layoutRow)
	if err != nil {
		return 0, fmt.Errorf("reshard: read the layout: %w", err)
	}
	from = int(layout.Shards)
	if from == to {
		return from, nil
	}
	for i := 0; i < to; i++ {
		if _, err := conn.ExecCtx(ctx, fmt.Sprintf("create table if not exists %s like `favorite`", shardTable(i))); err != nil {
			return from, err
		}
	}
	err = conn.TransactCtx(ctx, func(ctx context.Context, s sqlx.Session) error {
		before, err := userSummary(ctx, s, from)
		if err != nil {
			return err
		}
		for i := 0; i < from; i++ {
			for j := 0; j < to; j++ {
				if j == i {
					continue
				}
				if _, err := s.ExecCtx(ctx, fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) "+
					"select `user_id`, `video_id`, `liked`, `updated_at` from %s where `user_id` %% ? = ?",
					shardTable(j), shardTable(i)), to, j); err != nil {
					return err
				}
			}
			if _, err := s.ExecCtx(ctx, fmt.Sprintf("delete from %s where `user_id` %% ? <> ?", shardTable(i)), to, i); err != nil {
				return err
			}
		}
		after, err := userSummary(ctx, s, to)
		if err != nil {
			return err
		}
		if before != after {
			return fmt.Errorf("reshard: the rows per user differ after the move: nothing changed")
		}
		layout.Shards, layout.UpdatedAt = int64(to), time.Now().UnixMilli()
		return layouts.withSession(s).Update(ctx, layout)
	})
	if err != nil {
		return from, err
	}
	for i := to; i < from; i++ {
		if _, err := conn.ExecCtx(ctx, "drop table if exists "+shardTable(i)); err != nil {
			return from, err
		}
	}
	return from, nil
}

func shardTable(i int) string { return fmt.Sprintf("`favorite_%02d`", i) }

// userSummary fingerprints the like rows of the first n shard tables, per user
// (rows, liked rows, sum of video ids), and checks that every row is in its
// user's table: one string, equal before and after a correct move.
func userSummary(ctx context.Context, s sqlx.Session, n int) (string, error) {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("select `user_id`, `video_id`, `liked`, %d as `shard` from %s", i, shardTable(i))
	}
	var rows []struct {
		UserID  int64 `db:"user_id"`
		Rows    int64 `db:"rows"`
		Liked   int64 `db:"liked"`
		Videos  int64 `db:"videos"`
		Misfits int64 `db:"misfits"`
	}
	query := "select `user_id`, count(*) as `rows`, sum(`liked`) as `liked`, sum(`video_id`) as `videos`, " +
		"sum(`user_id` % ? <> `shard`) as `misfits` from (" + strings.Join(parts, " union all ") +
		") as `t` group by `user_id` order by `user_id`"
	if err := s.QueryRowsPartialCtx(ctx, &rows, query, n); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range rows {
		if r.Misfits > 0 {
			return "", fmt.Errorf("reshard: %d rows of user %d are not in its shard of %d", r.Misfits, r.UserID, n)
		}
		fmt.Fprintf(&b, "%d:%d/%d/%d;", r.UserID, r.Rows, r.Liked, r.Videos)
	}
	return b.String(), nil
}
