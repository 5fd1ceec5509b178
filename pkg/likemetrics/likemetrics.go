// Package likemetrics exports the like pipeline to Prometheus: what waits in
// the data Redis for its flush (sampled at each scrape, by the social service
// and by the worker, so it is there while either runs), how long flushes take
// to commit and how big they are, what fails, and whether the Redis in use
// persists. The flush counters are package-level and resolved once: counting
// costs an atomic add, no allocation.
package likemetrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"douyin/pkg/likestore"
	"douyin/pkg/ownmetrics"
)

// Why a flush failed: the step that returned the error.
const (
	CauseSnapshot = "snapshot" // taking the batch in Redis
	CauseMySQL    = "mysql"    // the MySQL transaction
	CauseFinish   = "finish"   // clearing the batch in Redis after the commit
	CauseArm      = "arm"      // arming the follow-up flush
)

var (
	flushLag = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "douyin_like_flush_lag_seconds",
		Help:    "Time from a user's first unflushed like to the commit of the flush that wrote it.",
		Buckets: []float64{0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 75, 90, 120, 180, 300, 600},
	})
	flushBatch = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "douyin_like_flush_batch_likes",
		Help:    "Likes and unlikes written by one flush transaction.",
		Buckets: []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000},
	})
	flushFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "douyin_like_flush_failures_total",
		Help: "Flush task runs that failed, by the step that failed (Asynq retries them).",
	}, []string{"cause"})
	flushRetries = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "douyin_like_flush_retries_total",
		Help: "Flush task runs that were retries of a failed run.",
	})
	sweeperRearms = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "douyin_like_sweeper_rearms_total",
		Help: "Flushes the sweeper armed again because their task was lost or their worker died.",
	})
	failuresBy = map[string]prometheus.Counter{}
)

func init() {
	if ownmetrics.On {
		prometheus.MustRegister(flushLag, flushBatch, flushFailures, flushRetries, sweeperRearms)
	}
	// Every cause exists from the start (at 0), so rate() and the alerts see them.
	for _, cause := range []string{CauseSnapshot, CauseMySQL, CauseFinish, CauseArm} {
		failuresBy[cause] = flushFailures.WithLabelValues(cause)
	}
}

// FlushCommitted records a committed flush transaction: its size, and its lag
// from the batch's oldest change (the last change of each video is what the
// batch keeps, so a video liked and unliked in one window counts from its last
// change).
func FlushCommitted(b *likestore.Batch) {
	flushBatch.Observe(float64(len(b.Rows)))
	var first int64
	for _, r := range b.Rows {
		if first == 0 || r.At < first {
			first = r.At
		}
	}
	if first > 0 {
		flushLag.Observe(time.Since(time.UnixMilli(first)).Seconds())
	}
}

// FlushFailed records a failed flush run; cause is one of the Cause constants.
func FlushFailed(cause string) {
	c, ok := failuresBy[cause]
	if !ok {
		c = flushFailures.WithLabelValues(cause)
	}
	c.Inc()
}

// FlushRetried records a flush run that retries a failed one.
func FlushRetried() { flushRetries.Inc() }

// SweeperRearmed records n flushes the sweeper armed again.
func SweeperRearmed(n int) { sweeperRearms.Add(float64(n)) }
