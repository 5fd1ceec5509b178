package svc

import (
	"douyin/model"
	"douyin/model/pages"
	"douyin/model/stores"
	"douyin/rpc/video/internal/config"
)

type ServiceContext struct {
	Config config.Config
	User   model.UserModel
	Video  model.VideoModel
	Pages  *pages.Reader
}

func NewServiceContext(c config.Config) *ServiceContext {
	s := stores.New(c.Conf)
	return &ServiceContext{Config: c, User: s.User(), Video: s.Video(), Pages: s.Pages()}
}
