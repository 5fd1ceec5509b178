package cachemetrics

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/stores/cache"

	"douyin/pkg/promtest"
)

func TestStatsCountHitsAndMissesPerTable(t *testing.T) {
	user, video := New("`user`"), New("video")
	before := counts(t)
	user.IncrementTotal()
	user.IncrementHit()
	user.IncrementTotal()
	user.IncrementMiss()
	video.IncrementTotal()
	video.IncrementHit()
	video.IncrementTotal()
	video.IncrementHit()
	after := counts(t)
	for key, want := range map[string]float64{"user/hit": 1, "user/miss": 1, "video/hit": 2, "video/miss": 0} {
		if got := after[key] - before[key]; got != want {
			t.Errorf("%s grew by %v, want %v", key, got, want)
		}
	}
	if user.Stat.Hit != 1 || user.Stat.Miss != 1 || user.Stat.Total != 2 {
		t.Errorf("go-zero's stat of user = %+v, want total 2, hit 1, miss 1", *user.Stat)
	}
	if testing.AllocsPerRun(100, user.IncrementHit) != 0 {
		t.Error("counting a hit allocates")
	}
}

// counts are the douyin_rowcache_requests_total samples of the default registry, by "table/result".
func counts(t *testing.T) map[string]float64 {
	out := map[string]float64{}
	for _, table := range []string{"user", "video"} {
		for _, result := range []string{"hit", "miss"} {
			key := `douyin_rowcache_requests_total{result="` + result + `",table="` + table + `"}`
			out[table+"/"+result] = promtest.Samples(t, prometheus.DefaultGatherer)[key]
		}
	}
	return out
}

// What a lookup costs with the counters and with go-zero's stat alone
// (BENCHMARKS.md: what the metrics cost), from every core at once.
func BenchmarkHit(b *testing.B) {
	b.Run("go-zero stat", func(b *testing.B) {
		s := cache.NewStat("bench_plain")
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				s.IncrementHit()
			}
		})
	})
	b.Run("with counters", func(b *testing.B) {
		s := New("bench_counted")
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				s.IncrementHit()
			}
		})
	})
}
