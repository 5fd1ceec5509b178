package config

import (
	"time"

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
	// Likes: LikeShards must equal mq's; a user's likes reach MySQL
	// LikeFlushDelay after the user's last like, or LikeFlushMaxDelay after the
	// oldest unflushed one, whichever is sooner.
	LikeShards        int           `json:",default=4"`
	LikeFlushDelay    time.Duration `json:",default=10s"`
	LikeFlushMaxDelay time.Duration `json:",default=60s"`
}
