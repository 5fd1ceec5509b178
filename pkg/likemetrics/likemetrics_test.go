package likemetrics

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/durability"
	"douyin/pkg/likestore"
	"douyin/pkg/promtest"
	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// fixedBacklog answers the same backlog every time.
type fixedBacklog likestore.Backlog

func (b fixedBacklog) Backlog(context.Context) (likestore.Backlog, error) {
	return likestore.Backlog(b), nil
}

func TestSamplerReadsTheBacklogAndTheDurabilityAtEachScrape(t *testing.T) {
	rds := testenv.Get().Redis()
	if _, err := rds.Do("CONFIG", "SET", "appendonly", "no"); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewSampler(fixedBacklog{Users: 3, Changes: 7, Oldest: time.Now().Add(-90 * time.Second)},
		time.Minute, map[string]*redis.Redis{"data": rds}))
	got := promtest.Samples(t, reg)
	for key, want := range map[string]float64{
		"douyin_like_pending_users":           3,
		"douyin_like_pending_changes":         7,
		"douyin_like_flush_max_delay_seconds": 60,
		`douyin_redis_durable{role="data"}`:   0,
	} {
		if got[key] != want {
			t.Errorf("%s = %v, want %v (all: %v)", key, got[key], want, got)
		}
	}
	if age := got["douyin_like_oldest_pending_seconds"]; age < 90 || age > 100 {
		t.Errorf("oldest pending = %v s, want about 90", age)
	}

	// The durability is read again at each scrape: durable takes AOF and no
	// eviction, and the mode says which is missing.
	was, err := durability.ReadMode(context.Background(), rds)
	if err != nil {
		t.Fatal(err)
	}
	defer rds.Do("CONFIG", "SET", "maxmemory-policy", was.MaxmemoryPolicy)
	defer rds.Do("CONFIG", "SET", "appendonly", "no")
	for _, step := range []struct {
		appendonly, policy string
		durable            float64
	}{{"yes", "allkeys-lru", 0}, {"yes", "noeviction", 1}} {
		if _, err := rds.Do("CONFIG", "SET", "appendonly", step.appendonly, "maxmemory-policy", step.policy); err != nil {
			t.Fatal(err)
		}
		got := promtest.Samples(t, reg)
		if d := got[`douyin_redis_durable{role="data"}`]; d != step.durable {
			t.Errorf("durable with appendonly %s, maxmemory-policy %s = %v, want %v", step.appendonly, step.policy, d, step.durable)
		}
		mode := `douyin_redis_mode{appendfsync="everysec",appendonly="` + step.appendonly + `",maxmemory_policy="` +
			step.policy + `",role="data"}`
		if got[mode] != 1 {
			t.Errorf("no series %s: %v", mode, got)
		}
	}
}

func TestSamplerWithoutBacklogReportsNoAge(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewSampler(fixedBacklog{}, time.Minute, nil))
	got := promtest.Samples(t, reg)
	if v, ok := got["douyin_like_oldest_pending_seconds"]; !ok || v != 0 {
		t.Errorf("oldest pending with nothing pending = %v (present %v), want 0", v, ok)
	}
}

func TestFlushCountersStartAtZeroAndCount(t *testing.T) {
	before := promtest.Samples(t, prometheus.DefaultGatherer)
	for _, cause := range []string{CauseSnapshot, CauseMySQL, CauseFinish, CauseArm} {
		if _, ok := before[`douyin_like_flush_failures_total{cause="`+cause+`"}`]; !ok {
			t.Errorf("failure cause %s is not exported before its first failure", cause)
		}
	}
	at := time.Now().Add(-3 * time.Second).UnixMilli()
	FlushCommitted(&likestore.Batch{Rows: []likestore.Row{{VideoID: 1, At: at + 1000}, {VideoID: 2, At: at},
		{VideoID: 3, At: at + 2000}, {VideoID: 4, Liked: true, At: at + 500}}})
	FlushFailed(CauseMySQL)
	FlushRetried()
	SweeperRearmed(2)
	after := promtest.Samples(t, prometheus.DefaultGatherer)
	for key, want := range map[string]float64{
		"douyin_like_flush_batch_likes_count":                1,
		"douyin_like_flush_batch_likes_sum":                  4,
		"douyin_like_flush_lag_seconds_count":                1,
		`douyin_like_flush_failures_total{cause="mysql"}`:    1,
		`douyin_like_flush_failures_total{cause="snapshot"}`: 0,
		"douyin_like_flush_retries_total":                    1,
		"douyin_like_sweeper_rearms_total":                   2,
	} {
		if d := after[key] - before[key]; d != want {
			t.Errorf("%s grew by %v, want %v", key, d, want)
		}
	}
	if lag := after["douyin_like_flush_lag_seconds_sum"] - before["douyin_like_flush_lag_seconds_sum"]; lag < 3 || lag > 10 {
		t.Errorf("flush lag observed %v s, want about 3", lag)
	}
	if n := testing.AllocsPerRun(100, func() { FlushFailed(CauseArm) }); n != 0 {
		t.Errorf("counting a failure allocates %v times", n)
	}
}

// What a scrape costs the sampler besides the backlog read (the persistence of
// two Redis roles; BENCHMARKS.md: what the metrics cost).
func BenchmarkSamplerCollect(b *testing.B) {
	rds := testenv.Get().Redis()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewSampler(fixedBacklog{Users: 3, Changes: 7, Oldest: time.Now()}, time.Minute,
		map[string]*redis.Redis{"data": rds, "cache": rds}))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := reg.Gather(); err != nil {
			b.Fatal(err)
		}
	}
}
