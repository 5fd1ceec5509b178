package svc

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
	"github.com/zeromicro/go-zero/core/collection"
	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/mq/jobtype"
	"douyin/rpc/social/internal/config"
)

type ServiceContext struct {
	Config config.Config
	*model.Models
	// Asynq arms the delayed like flushes that the mq worker runs.
	Asynq *asynq.Client
	// VideoAuthors maps a video id to its author in process memory: a like then
	// costs no row-cache round trip (videos are never deleted nor change author).
	VideoAuthors *collection.Cache
}

func NewServiceContext(c config.Config) *ServiceContext {
	models := model.NewModels(c.Mysql.DataSource, c.CacheRedis, c.DataRedis, model.WithLikeShards(c.LikeShards))
	if err := models.Likes.LoadScripts(context.Background()); err != nil {
		logx.Errorf("load like scripts: %v", err) // they load on first use then
	}
	videoAuthors, err := collection.NewCache(time.Hour, collection.WithLimit(100_000))
	logx.Must(err)
	return &ServiceContext{
		Config:       c,
		Models:       models,
		VideoAuthors: videoAuthors,
		Asynq:        asynq.NewClient(jobtype.RedisOpt(c.DataRedis.Host, c.DataRedis.Pass)),
	}
}
