package model

import (
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ CommentModel = (*customCommentModel)(nil)

type (
	// CommentModel is an interface to be customized, add more methods here,
	// and implement the added methods in customCommentModel.
	CommentModel interface {
		commentModel
	}

	customCommentModel struct {
		*defaultCommentModel
		rds *redis.Redis // the cache node, for batch reads
	}
)

// NewCommentModel returns a model for the database table.
func NewCommentModel(conn sqlx.SqlConn, c cache.CacheConf, rds *redis.Redis) CommentModel {
	return &customCommentModel{
		defaultCommentModel: newCommentModel(conn, c, cache.WithExpiry(rowCacheExpiry)),
		rds:                 rds,
	}
}
