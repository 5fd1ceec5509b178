package svc

import (
	"context"

	"github.com/hibiken/asynq"
	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/mq/internal/config"
	"douyin/mq/jobtype"
)

type ServiceContext struct {
	Config config.Config
	*model.Models
	// Asynq arms follow-up flushes.
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
