package model

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ LikeShardLayoutModel = (*customLikeShardLayoutModel)(nil)

// layoutRow is the id of the one row of like_shard_layout.
const layoutRow = 1

type (
	// LikeShardLayoutModel is an interface to be customized, add more methods here,
	// and implement the added methods in customLikeShardLayoutModel.
	LikeShardLayoutModel interface {
		likeShardLayoutModel
		withSession(session sqlx.Session) LikeShardLayoutModel
		// Check answers nil when the database's like shards are laid out for
		// shards tables, recording that layout when none is (a database made
		// before the layout was recorded); otherwise an error that names both
		// counts and the two fixes.
		Check(ctx context.Context, shards int) error
	}

	customLikeShardLayoutModel struct {
		*defaultLikeShardLayoutModel
	}
)

// NewLikeShardLayoutModel returns a model for the database table.
func NewLikeShardLayoutModel(conn sqlx.SqlConn) LikeShardLayoutModel {
	return &customLikeShardLayoutModel{
		defaultLikeShardLayoutModel: newLikeShardLayoutModel(conn),
	}
}

func (m *customLikeShardLayoutModel) withSession(session sqlx.Session) LikeShardLayoutModel {
	return NewLikeShardLayoutModel(sqlx.NewSqlConnFromSession(session))
}

func (m *customLikeShardLayoutModel) Check(ctx context.Context, shards int) error {
	layout, err := m.FindOne(ctx, layoutRow)
	if errors.Is(err, ErrNotFound) {
		_, err = m.conn.ExecCtx(ctx, fmt.Sprintf("insert ignore into %s (%s) values (?, ?, ?)", m.table,
			likeShardLayoutRowsExpectAutoSet), layoutRow, shards, time.Now().UnixMilli())
		if err != nil {
			return fmt.Errorf("record the like shard layout: %w", err)
		}
		layout, err = m.FindOne(ctx, layoutRow)
	}
	if err != nil {
		return fmt.Errorf("read the like shard layout: %w", err)
	}
	if int(layout.Shards) != shards {
		return fmt.Errorf("LIKE_SHARDS (LikeShards) is %d, but the database's likes are laid out in %d shard tables "+
			"(table like_shard_layout): a process with another count would read and write likes in the wrong tables. "+
			"Set LIKE_SHARDS=%d for every process, or stop them all (make down) and move the rows: make reshard TO=%d",
			shards, layout.Shards, layout.Shards, shards)
	}
	return nil
}
