package config

import (
	"time"

	"github.com/zeromicro/go-zero/core/service"

	"douyin/model/stores"
)

type Config struct {
	service.ServiceConf
	// Mysql, CacheRedis (a flush drops the rows it changed), DataRedis (the
	// pending likes and the Asynq queues), LikeShards (the same as social's).
	stores.Conf
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
	// Admin serves asynqmon, behind basic auth (Validate refuses shipped or
	// short passwords), read-only unless ReadOnly is false.
	Admin struct {
		Addr     string `json:",default=127.0.0.1:8090"`
		Path     string `json:",default=/asynqmon"`
		Username string
		Password string
		ReadOnly bool `json:",default=true"`
	}
}
