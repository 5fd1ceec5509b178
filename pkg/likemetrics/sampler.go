package likemetrics

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/likestore"
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
		"1 when the Redis of a role (data: pending likes and the Asynq queues; cache: row cache) has appendonly yes.",
		[]string{"role"}, nil)
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
	for _, d := range []*prometheus.Desc{pendingUsersDesc, pendingChangesDesc, oldestPendingDesc, maxDelayDesc, durableDesc} {
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
		durable, err := appendOnly(ctx, rds)
		if err != nil {
			logx.Errorf("likemetrics: read the persistence of the %s Redis: %v", role, err)
			continue
		}
		ch <- prometheus.MustNewConstMetric(durableDesc, prometheus.GaugeValue, boolValue(durable), role)
	}
}

// appendOnly tells whether rds writes an AOF (INFO persistence: aof_enabled:1).
func appendOnly(ctx context.Context, rds *redis.Redis) (bool, error) {
	v, err := rds.DoCtx(ctx, "INFO", "persistence")
	if err != nil {
		return false, err
	}
	info, _ := v.(string)
	for _, line := range strings.Split(info, "\n") {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), "aof_enabled:"); ok {
			return value == "1", nil
		}
	}
	return false, errNoAOFField
}

var errNoAOFField = errors.New("INFO persistence has no aof_enabled field")

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
	var already prometheus.AlreadyRegisteredError
	if err := prometheus.Register(s); err != nil && !errors.As(err, &already) {
		logx.Errorf("likemetrics: register the sampler: %v", err)
	}
}
