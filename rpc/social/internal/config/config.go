package config

import (
	"time"

	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
	"douyin/pkg/ratelimit"
)

type Config struct {
	zrpc.RpcServerConf
	// MaxMsgBytes caps a request received and an answer sent (gRPC's own
	// defaults: 4 MiB received, no cap sent); the list caps keep the largest
	// answer well below it, and the gateway's clients receive as much.
	MaxMsgBytes int `json:",default=8388608"`
	// Mysql, CacheRedis, DataRedis, LikeShards (the same as mq's).
	stores.Conf
	// A user's likes reach MySQL LikeFlushDelay after the user's last like, or
	// LikeFlushMaxDelay after the oldest unflushed one, whichever is sooner.
	LikeFlushDelay    time.Duration `json:",default=10s"`
	LikeFlushMaxDelay time.Duration `json:",default=60s"`
	// LikeBudget is how many likes and unlikes a user may send per period
	// (Quota 0: unlimited): the like script counts it (pkg/likestore), in the
	// same round trip as the like, in go-zero's PeriodLimit format.
	LikeBudget ratelimit.Rule
	// Lists caps every list answer at its newest items (the app pages only the
	// feed), so an answer never outgrows MaxMsgBytes however a list grows.
	Lists ListsConf
}

// ListsConf are the maximum lengths of the list answers.
type ListsConf struct {
	Comments  int `json:",default=500"`  // a video's comments, newest first
	Users     int `json:",default=1000"` // follow, follower and friend lists
	Favorites int `json:",default=1000"` // a user's liked videos, latest first
	Messages  int `json:",default=500"`  // a chat history's newest, oldest first
}
