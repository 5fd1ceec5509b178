package config

import (
	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
)

type Config struct {
	zrpc.RpcServerConf
	// Mysql, CacheRedis, DataRedis, LikeShards.
	stores.Conf
}
