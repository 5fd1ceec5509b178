package model

import "github.com/zeromicro/go-zero/core/stores/sqlx"

var _ FavoriteFlushModel = (*customFavoriteFlushModel)(nil)

type (
	// FavoriteFlushModel is an interface to be customized, add more methods here,
	// and implement the added methods in customFavoriteFlushModel.
	FavoriteFlushModel interface {
		favoriteFlushModel
		withSession(session sqlx.Session) FavoriteFlushModel
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
