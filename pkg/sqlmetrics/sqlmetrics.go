// Package sqlmetrics exports every MySQL call's duration and failure by
// command (query, exec, transact) to Prometheus:
// douyin_sql_requests_duration_ms{command} and
// douyin_sql_requests_error_total{command}. go-zero records its own SQL
// metrics only while its statement logs are on, and those print every
// statement's arguments (chat messages among them), so they are off
// (model/stores); pkg/sqldeadline, which every call passes, reports here.
package sqlmetrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"douyin/pkg/ownmetrics"
)

// The commands.
const (
	Query    = "query"    // a SELECT (one row or many)
	Exec     = "exec"     // an INSERT, UPDATE or DELETE outside a transaction
	Transact = "transact" // a whole transaction, BEGIN to COMMIT
)

var (
	duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "douyin_sql_requests_duration_ms",
		Help:    "MySQL calls by command (query, exec, transact: a whole transaction), in ms.",
		Buckets: []float64{0.25, 0.5, 1, 2, 3, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000},
	}, []string{"command"})
	errorTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "douyin_sql_requests_error_total",
		Help: "MySQL calls that failed, by command (no row and duplicate keys are answers, not failures).",
	}, []string{"command"})
	observers = map[string]prometheus.Observer{}
	failures  = map[string]prometheus.Counter{}
)

func init() {
	if !ownmetrics.On {
		return
	}
	prometheus.MustRegister(duration, errorTotal)
	// Resolved once, and at 0 from the start: rate() and the panels see them.
	for _, c := range []string{Query, Exec, Transact} {
		observers[c], failures[c] = duration.WithLabelValues(c), errorTotal.WithLabelValues(c)
	}
}

// Observe records a call of command (one of the constants) that began at start
// and failed or not.
func Observe(command string, start time.Time, failed bool) {
	if !ownmetrics.On {
		return
	}
	o, ok := observers[command]
	if !ok {
		return
	}
	o.Observe(float64(time.Since(start).Microseconds()) / 1000)
	if failed {
		failures[command].Inc()
	}
}
