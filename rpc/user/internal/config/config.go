package config

import (
	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
)

type Config struct {
	zrpc.RpcServerConf
	// Mysql, CacheRedis, DataRedis, LikeShards.
	stores.Conf
	// BcryptCost is the work factor of password hashes (login is bound by it).
	BcryptCost int `json:",default=10,range=[4:31]"`
}
