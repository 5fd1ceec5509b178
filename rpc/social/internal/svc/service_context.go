package svc

import (
	"context"

	"github.com/hibiken/asynq"
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
}

func NewServiceContext(c config.Config) *ServiceContext {
	models := model.NewModels(c.Mysql.DataSource, c.CacheRedis, c.DataRedis, model.WithLikeShards(c.LikeShards))
	if err := models.Likes.LoadScripts(context.Background()); err != nil {
		logx.Errorf("load like scripts: %v", err) // they load on first use then
	}
	return &ServiceContext{
		Config: c,
		Models: models,
		Asynq:  asynq.NewClient(jobtype.RedisOpt(c.DataRedis.Host, c.DataRedis.Pass)),
	}
}
