package svc

import (
	"douyin/model"
	"douyin/model/pages"
	"douyin/model/stores"
	"douyin/rpc/user/internal/config"
)

type ServiceContext struct {
	Config config.Config
	User   model.UserModel
	Pages  *pages.Reader
}

func NewServiceContext(c config.Config) *ServiceContext {
	s := stores.New(c.Conf)
	return &ServiceContext{Config: c, User: s.User(), Pages: s.Pages()}
}
