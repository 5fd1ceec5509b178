// Package cachemetrics exports the row cache's hits and misses per table as a
// Prometheus counter, douyin_rowcache_requests_total{table, result="hit"|"miss"},
// next to go-zero's own per-minute log line of the hit ratio (which only logs).
//
// go-zero's generated models (FindOne) count their lookups in one shared,
// unexported stat that resets every minute, so only the batch reader
// (pkg/rowcache), which reads every page, is counted here.
package cachemetrics

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/stores/cache"

	"douyin/pkg/ownmetrics"
)

var requests = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "douyin_rowcache_requests_total",
	Help: "Rows looked up in the row cache, by table and result (hit: cached, a known-missing row included; miss: read from MySQL).",
}, []string{"table", "result"})

func init() {
	if ownmetrics.On {
		prometheus.MustRegister(requests)
	}
}

// Stats counts one table's lookups: go-zero's cache.Stat (its log line) plus the
// counters. It is a rowcache.Stats. The counters are resolved once, so a lookup
// costs an atomic add each, no allocation.
type Stats struct {
	*cache.Stat
	hit, miss prometheus.Counter
}

// New returns the Stats of table (its name as the model quotes it, `user`, or bare).
func New(table string) *Stats {
	name := strings.Trim(table, "`")
	if !ownmetrics.On {
		return &Stats{Stat: cache.NewStat(name)}
	}
	return &Stats{Stat: cache.NewStat(name),
		hit: requests.WithLabelValues(name, "hit"), miss: requests.WithLabelValues(name, "miss")}
}

// IncrementHit counts a row found in the cache.
func (s *Stats) IncrementHit() {
	s.Stat.IncrementHit()
	if ownmetrics.On {
		s.hit.Inc()
	}
}

// IncrementMiss counts a row read from MySQL.
func (s *Stats) IncrementMiss() {
	s.Stat.IncrementMiss()
	if ownmetrics.On {
		s.miss.Inc()
	}
}
