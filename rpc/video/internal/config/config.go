package config

import (
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/zrpc"
)

type Config struct {
	zrpc.RpcServerConf
	Mysql struct {
		DataSource string
	}
	// CacheRedis holds go-zero's row cache (single node: batch reads MGET it).
	CacheRedis cache.CacheConf
	// DataRedis holds data MySQL does not have yet (pending likes) and must be
	// durable (AOF); it may be the same server as CacheRedis.
	DataRedis redis.RedisConf
	// LikeShards must equal social's and mq's: is_favorite loads cold like
	// states from the user's shard table.
	LikeShards int `json:",default=4"`
}
