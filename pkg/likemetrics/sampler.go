package likemetrics

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/durability"
	"douyin/pkg/likestore"
	"douyin/pkg/ownmetrics"
)

// sampleTimeout bounds the Redis reads of one scrape.
const sampleTimeout = 2 * time.Second

// BacklogReader reads the like backlog cheaply (a bounded number of commands,
// whatever its size): the like store.
type BacklogReader interface {
	Backlog(ctx context.Context) (likestore.Backlog, error)
}

var (
	pendingUsersDesc = prometheus.NewDesc("douyin_like_pending_users",
		"Users with likes or unlikes that MySQL does not have yet.", nil, nil)
	pendingChangesDesc = prometheus.NewDesc("douyin_like_pending_changes",
		"Likes and unlikes acknowledged but not yet flushed to MySQL.", nil, nil)
	oldestPendingDesc = prometheus.NewDesc("douyin_like_oldest_pending_seconds",
		"Age of the oldest unflushed like (0 when none): the flush lag of the likes still waiting.", nil, nil)
	maxDelayDesc = prometheus.NewDesc("douyin_like_flush_max_delay_seconds",
		"LikeFlushMaxDelay: a user's likes are due at most this long after the first unflushed one.", nil, nil)
	durableDesc = prometheus.NewDesc("douyin_redis_durable",
		"1 when the Redis of a role (data: pending likes and the Asynq queues; cache: row cache) keeps what it "+
			"acknowledged: appendonly yes and maxmemory-policy noeviction.",
		[]string{"role"}, nil)
	modeDesc = prometheus.NewDesc("douyin_redis_mode",
		"The persistence mode of the Redis of a role, in its labels (CONFIG GET appendonly, appendfsync, "+
			"maxmemory-policy); the value is 1.",
		[]string{"role", "appendonly", "appendfsync", "maxmemory_policy"}, nil)
)

// Sampler is a prometheus.Collector that reads the backlog and the Redis
// durability at each scrape.
type Sampler struct {
	backlog  BacklogReader
	maxDelay time.Duration
	redises  map[string]*redis.Redis // by role
}

// NewSampler returns the Sampler of backlog, reporting maxDelay
// (LikeFlushMaxDelay) and the durability of each Redis in redises, by role
// ("data", "cache"). Register it: prometheus.MustRegister(sampler).
func NewSampler(backlog BacklogReader, maxDelay time.Duration, redises map[string]*redis.Redis) *Sampler {
	return &Sampler{backlog: backlog, maxDelay: maxDelay, redises: redises}
}

// Describe implements prometheus.Collector.
func (s *Sampler) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{pendingUsersDesc, pendingChangesDesc, oldestPendingDesc, maxDelayDesc, durableDesc, modeDesc} {
		ch <- d
	}
}

// Collect implements prometheus.Collector. A Redis that cannot be read leaves
// its series out of this scrape.
func (s *Sampler) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), sampleTimeout)
	defer cancel()
	ch <- prometheus.MustNewConstMetric(maxDelayDesc, prometheus.GaugeValue, s.maxDelay.Seconds())
	if b, err := s.backlog.Backlog(ctx); err != nil {
		logx.Errorf("likemetrics: read the like backlog: %v", err)
	} else {
		var oldest float64
		if !b.Oldest.IsZero() {
			oldest = max(time.Since(b.Oldest).Seconds(), 0)
		}
		ch <- prometheus.MustNewConstMetric(pendingUsersDesc, prometheus.GaugeValue, float64(b.Users))
		ch <- prometheus.MustNewConstMetric(pendingChangesDesc, prometheus.GaugeValue, float64(b.Changes))
		ch <- prometheus.MustNewConstMetric(oldestPendingDesc, prometheus.GaugeValue, oldest)
	}
	for role, rds := range s.redises {
		m, err := durability.ReadMode(ctx, rds)
		if err != nil {
			logx.Errorf("likemetrics: read the persistence of the %s Redis: %v", role, err)
			continue
		}
		ch <- prometheus.MustNewConstMetric(durableDesc, prometheus.GaugeValue, boolValue(m.Durable()), role)
		ch <- prometheus.MustNewConstMetric(modeDesc, prometheus.GaugeValue, 1,
			role, m.AppendOnly, m.AppendFsync, m.MaxmemoryPolicy)
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Register adds the sampler to the default registry (what the DevServer's
// /metrics serves). A process has one: when a second service context registers
// one (tests build several), the first stays.
func Register(s *Sampler) {
	if !ownmetrics.On {
		return
	}
	var already prometheus.AlreadyRegisteredError
	if err := prometheus.Register(s); err != nil && !errors.As(err, &already) {
		logx.Errorf("likemetrics: register the sampler: %v", err)
	}
}
