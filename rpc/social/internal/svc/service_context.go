package svc

import (
	"github.com/hibiken/asynq"

	"douyin/model"
	"douyin/model/pages"
	"douyin/model/stores"
	"douyin/mq/jobtype"
	"douyin/pkg/likestore"
	"douyin/rpc/social/internal/config"
)

type ServiceContext struct {
	Config  config.Config
	User    model.UserModel
	Video   model.VideoModel
	Comment model.CommentModel
	Follow  model.FollowModel
	Message model.MessageModel
	Likes   *likestore.Store
	Pages   *pages.Reader
	// Asynq arms the delayed like flushes that the mq worker runs.
	Asynq *asynq.Client
}

func NewServiceContext(c config.Config) *ServiceContext {
	s := stores.New(c.Conf)
	s.RequireDurableDataRedis()
	s.LikeMetrics(c.LikeFlushMaxDelay)
	return &ServiceContext{
		Config:  c,
		User:    s.User(),
		Video:   s.Video(),
		Comment: s.Comment(),
		Follow:  s.Follow(),
		Message: s.Message(),
		Likes:   s.Likes(),
		Pages:   s.Pages(),
		Asynq:   jobtype.NewClient(c.DataRedis),
	}
}
