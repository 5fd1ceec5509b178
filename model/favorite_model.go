package model

import "github.com/zeromicro/go-zero/core/stores/sqlx"

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
