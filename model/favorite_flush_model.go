package model

import (
	"context"
	"fmt"

	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ FavoriteFlushModel = (*customFavoriteFlushModel)(nil)

type (
	// FavoriteFlushModel is an interface to be customized, add more methods here,
	// and implement the added methods in customFavoriteFlushModel.
	FavoriteFlushModel interface {
		favoriteFlushModel
		withSession(session sqlx.Session) FavoriteFlushModel
		// Advance records batch as userID's last applied like batch inside the
		// caller's transaction; false (nothing changed) when a batch at or above
		// it was applied already. Run it first in the transaction: concurrent
		// flushes of one user queue on this row.
		Advance(ctx context.Context, session sqlx.Session, userID, batch int64) (bool, error)
	}

	customFavoriteFlushModel struct {
		*defaultFavoriteFlushModel
	}
)

// NewFavoriteFlushModel returns a model for the database table.
func NewFavoriteFlushModel(conn sqlx.SqlConn) FavoriteFlushModel {
	return &customFavoriteFlushModel{
		defaultFavoriteFlushModel: newFavoriteFlushModel(conn),
	}
}

func (m *customFavoriteFlushModel) withSession(session sqlx.Session) FavoriteFlushModel {
	return NewFavoriteFlushModel(sqlx.NewSqlConnFromSession(session))
}

func (m *customFavoriteFlushModel) Advance(ctx context.Context, session sqlx.Session, userID, batch int64) (bool, error) {
	// Batch ids grow: a batch not above the recorded one was applied already (or
	// is a stale copy held by a stalled worker).
	query := fmt.Sprintf("insert into %s (`user_id`, `batch`) values (?, ?) "+
		"on duplicate key update `batch` = greatest(`batch`, values(`batch`))", m.table)
	res, err := session.ExecCtx(ctx, query, userID, batch)
	if err != nil {
		return false, err
	}
	// 0 rows affected: the row was left as it was.
	n, err := res.RowsAffected()
	return err == nil && n > 0, err
}
