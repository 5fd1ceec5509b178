package svc

import (
	"github.com/hibiken/asynq"

	"douyin/model"
	"douyin/model/stores"
	"douyin/mq/internal/config"
	"douyin/mq/jobtype"
	"douyin/pkg/likestore"
)

type ServiceContext struct {
	Config    config.Config
	Likes     *likestore.Store
	LikeFlush *model.LikeFlush
	// Asynq arms follow-up flushes.
	Asynq *asynq.Client
}

func NewServiceContext(c config.Config) *ServiceContext {
	s := stores.New(c.Conf)
	s.LikeMetrics(c.LikeFlushMaxDelay)
	return &ServiceContext{Config: c, Likes: s.Likes(), LikeFlush: s.LikeFlush(), Asynq: jobtype.NewClient(c.DataRedis)}
}
