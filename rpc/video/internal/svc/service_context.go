package svc

import (
	"douyin/model"
	"douyin/rpc/video/internal/config"
)

type ServiceContext struct {
	Config config.Config
	*model.Models
}

func NewServiceContext(c config.Config) *ServiceContext {
	return &ServiceContext{
		Config: c,
		Models: model.NewModels(c.Mysql.DataSource, c.CacheRedis, c.DataRedis, model.WithLikeShards(c.LikeShards)),
	}
}
