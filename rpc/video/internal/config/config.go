package config

import (
	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
	"douyin/pkg/events"
)

type Config struct {
	zrpc.RpcServerConf
	// MaxMsgBytes caps a request received and an answer sent (gRPC's own
	// defaults: 4 MiB received, no cap sent); the list caps keep the largest
	// answer well below it, and the gateway's clients receive as much.
	MaxMsgBytes int `json:",default=8388608"`
	// Mysql, CacheRedis, DataRedis, LikeShards.
	stores.Conf
	// Lists caps the publish list at a user's newest videos (the app pages
	// only the feed), so its answer never outgrows MaxMsgBytes.
	Lists struct {
		Videos int `json:",default=500"`
	}
	// Events is the NATS server that video.published goes to (the worker
	// processes it); empty URL: none is sent, the worker's sweeper finds the
	// pending videos by itself.
	Events events.NatsConf `json:",optional"`
}
