package config

import (
	"time"

	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
)

type Config struct {
	zrpc.RpcServerConf
	// Mysql, CacheRedis, DataRedis, LikeShards (the same as mq's).
	stores.Conf
	// A user's likes reach MySQL LikeFlushDelay after the user's last like, or
	// LikeFlushMaxDelay after the oldest unflushed one, whichever is sooner.
	LikeFlushDelay    time.Duration `json:",default=10s"`
	LikeFlushMaxDelay time.Duration `json:",default=60s"`
}
