package config

import (
	"time"

	"github.com/zeromicro/go-zero/core/service"

	"douyin/model/stores"
	"douyin/pkg/events"
	"douyin/pkg/media"
)

type Config struct {
	service.ServiceConf
	// Mysql, CacheRedis (a flush drops the rows it changed), DataRedis (the
	// pending likes and the Asynq queues), LikeShards (the same as social's).
	stores.Conf
	// LikeFlushMaxDelay must equal the social service's: it bounds how long a
	// user's flush stays armed.
	LikeFlushMaxDelay time.Duration `json:",default=60s"`
	Asynq             struct {
		Concurrency int `json:",default=10"`
		// How often scheduled tasks are moved to the queue: a flush runs this
		// much after its deadline at worst.
		CheckInterval time.Duration `json:",default=1s"`
		// The sweeper arms a flush for users whose changes are overdue by this
		// much (their task was lost).
		SweepEvery time.Duration `json:",default=1m"`
	}
	// Media is the gateway's media folder (the same MEDIA_STORAGE_DIR): the
	// originals are read there and the renditions stored beside them.
	Media struct {
		StorageDir string
		// KeepOriginal false removes the original upload and its first-frame
		// cover once the rendition plays.
		KeepOriginal bool   `json:",default=true"`
		FfprobePath  string `json:",default=ffprobe"`
		FfmpegPath   string `json:",default=ffmpeg"`
	}
	// Events is the NATS server of video.published (empty URL: the sweeper
	// alone finds the pending videos and processes them itself).
	Events     events.NatsConf `json:",optional"`
	Processing ProcessingConf
	// Admin serves asynqmon, behind basic auth (Validate refuses shipped or
	// short passwords), read-only unless ReadOnly is false.
	Admin struct {
		Addr     string `json:",default=127.0.0.1:8090"`
		Path     string `json:",default=/asynqmon"`
		Username string
		Password string
		ReadOnly bool `json:",default=true"`
	}
}

// ProcessingConf is the making of playback renditions.
type ProcessingConf struct {
	// Group is the worker's NATS queue group: its members share the videos;
	// another group (search, recommendations) gets every event too.
	Group string `json:",default=video-processing"`
	// Concurrency is the runs under way at once (each ffmpeg uses every core).
	Concurrency int `json:",default=1"`
	// RetryAfter: a video still pending this long after its last run last
	// showed life (a run under way touches the row every RetryAfter/3) or
	// after its publish is sent again by the sweeper, which looks every
	// SweepEvery; after MaxAttempts runs it is failed, the original playing on.
	RetryAfter  time.Duration `json:",default=6m"`
	SweepEvery  time.Duration `json:",default=30s"`
	MaxAttempts int           `json:",default=3"`
	Rendition   media.RenditionConf
}
