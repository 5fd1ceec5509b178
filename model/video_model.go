package model

import (
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ VideoModel = (*customVideoModel)(nil)

type (
	// VideoModel is an interface to be customized, add more methods here,
	// and implement the added methods in customVideoModel.
	VideoModel interface {
		videoModel
	}

	customVideoModel struct {
		*defaultVideoModel
		rds *redis.Redis // the cache node, for batch reads
	}
)

// NewVideoModel returns a model for the database table.
func NewVideoModel(conn sqlx.SqlConn, c cache.CacheConf, rds *redis.Redis) VideoModel {
	return &customVideoModel{
		defaultVideoModel: newVideoModel(conn, c, cache.WithExpiry(rowCacheExpiry)),
		rds:               rds,
	}
}
