package svc

import (
	"context"

	"github.com/hibiken/asynq"

	"douyin/model"
	"douyin/model/stores"
	"douyin/mq/internal/config"
	"douyin/mq/jobtype"
	"douyin/pkg/events"
	"douyin/pkg/likestore"
	"douyin/pkg/media"
	"douyin/pkg/storage"
)

type ServiceContext struct {
	Config    config.Config
	Likes     *likestore.Store
	LikeFlush *model.LikeFlush
	// Asynq arms follow-up flushes.
	Asynq *asynq.Client
	// SettleCacheDeletes makes the owed second deletes of cached rows.
	SettleCacheDeletes func(ctx context.Context) (int, error)
	// Processing of published videos: the rows, the media folder, ffmpeg, and
	// the publisher the sweeper sends video.published again with (nil without
	// Events.URL).
	Video  model.VideoModel
	Files  *storage.Local
	Tools  media.Tools
	Events events.Publisher
}

func NewServiceContext(c config.Config) *ServiceContext {
	s := stores.New(c.Conf)
	s.RequireDurableDataRedis()
	s.LikeMetrics(c.LikeFlushMaxDelay)
	files, err := storage.NewLocal(c.Media.StorageDir)
	if err != nil {
		panic("Media.StorageDir: " + err.Error())
	}
	sc := &ServiceContext{Config: c, Likes: s.Likes(), LikeFlush: s.LikeFlush(), Asynq: jobtype.NewClient(c.DataRedis),
		SettleCacheDeletes: s.SettleOwedDeletes,
		Video:              s.Video(), Files: files,
		Tools: media.NewTools(c.Media.FfprobePath, c.Media.FfmpegPath, c.Processing.Concurrency)}
	if c.Events.URL != "" {
		sc.Events = events.MustNewNatsPublisher(c.Events, c.Name)
	}
	return sc
}
