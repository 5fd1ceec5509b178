package config

import (
	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
)

type Config struct {
	zrpc.RpcServerConf
	// MaxMsgBytes caps a request received and an answer sent (gRPC's own
	// defaults: 4 MiB received, no cap sent); the list caps keep the largest
	// answer well below it, and the gateway's clients receive as much.
	MaxMsgBytes int `json:",default=8388608"`
	// Mysql, CacheRedis, DataRedis, LikeShards.
	stores.Conf
	// BcryptCost is the work factor of password hashes (login is bound by it).
	BcryptCost int `json:",default=10,range=[4:31]"`
}
