package config

import (
	"time"

	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
)

type Config struct {
	service.ServiceConf
	Mysql struct {
		DataSource string
	}
	// CacheRedis holds go-zero's row cache: a flush drops the rows it changed.
	CacheRedis cache.CacheConf
	// DataRedis holds the pending likes and the Asynq queues (durable: AOF).
	DataRedis redis.RedisConf
	// LikeShards must equal the social service's (favorite_00 .. favorite_NN).
	LikeShards int `json:",default=4"`
	// LikeFlushMaxDelay must equal the social service's: it bounds how long a
	// user's flush stays armed.
	LikeFlushMaxDelay time.Duration `json:",default=60s"`
	Asynq             struct {
		Concurrency int `json:",default=10"`
		// How often scheduled tasks are moved to the queue: a flush runs this
		// much after its deadline at worst.
		CheckInterval time.Duration `json:",default=1s"`
		// The sweeper arms a flush for users whose changes are overdue by this
		// much (their task was lost).
		SweepEvery time.Duration `json:",default=1m"`
	}
	// Admin serves asynqmon, behind basic auth.
	Admin struct {
		Addr     string `json:",default=127.0.0.1:8090"`
		Path     string `json:",default=/asynqmon"`
		Username string `json:",default=admin"`
		Password string `json:",default=admin"`
	}
}
