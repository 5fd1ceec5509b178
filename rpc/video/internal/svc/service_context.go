package svc

import (
	"douyin/model"
	"douyin/model/pages"
	"douyin/model/stores"
	"douyin/pkg/events"
	"douyin/rpc/video/internal/config"
)

type ServiceContext struct {
	Config config.Config
	User   model.UserModel
	Video  model.VideoModel
	Pages  *pages.Reader
	// Events announces published videos (nil: Events.URL is empty).
	Events events.Publisher
}

func NewServiceContext(c config.Config) *ServiceContext {
	s := stores.New(c.Conf)
	sc := &ServiceContext{Config: c, User: s.User(), Video: s.Video(), Pages: s.Pages()}
	if c.Events.URL != "" {
		sc.Events = events.MustNewNatsPublisher(c.Events, c.Name)
	}
	return sc
}
