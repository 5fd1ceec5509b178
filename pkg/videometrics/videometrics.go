// Package videometrics exports the video processing pipeline (the worker's
// playback renditions) to Prometheus: how long after its publish a video's
// processing ended, how each run ended, how long runs take, and how many
// videos wait.
package videometrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"douyin/pkg/ownmetrics"
)

// How a processing run ended (the outcome label).
const (
	Transcoded = "transcode" // a new H.264/AAC rendition
	Remuxed    = "remux"     // the same streams, index moved to the front
	Kept       = "keep"      // the original already is a rendition (a new cover only)
	Failed     = "failed"    // given up: the original keeps playing
	Retry      = "retry"     // an error that a later run may not meet (left pending)
	Skipped    = "skipped"   // nothing to do: done, failed, or another run has it
	GaveUp     = "gave_up"   // the sweeper ended it after too many runs
	Resent     = "resent"    // the sweeper sent video.published again
)

var (
	lag = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "douyin_video_processing_lag_seconds",
		Help:    "Time from a video's publish to the end of its processing (done or failed).",
		Buckets: []float64{1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 3600},
	})
	runTime = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "douyin_video_processing_run_seconds",
		Help:    "Time one processing run took, by outcome.",
		Buckets: []float64{0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300},
	}, []string{"outcome"})
	outcomes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "douyin_video_processing_total",
		Help: "Processing runs and sweeper actions, by outcome.",
	}, []string{"outcome"})
	pending = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "douyin_video_processing_pending",
		Help: "Videos whose processing is pending (the original plays meanwhile), as of the last sweep.",
	})
	byOutcome = map[string]prometheus.Counter{}
)

func init() {
	if ownmetrics.On {
		prometheus.MustRegister(lag, runTime, outcomes, pending)
	}
	// Every outcome exists from the start (at 0), so rate() sees them.
	for _, o := range []string{Transcoded, Remuxed, Kept, Failed, Retry, Skipped, GaveUp, Resent} {
		byOutcome[o] = outcomes.WithLabelValues(o)
	}
}

// Ran counts a run that ended with outcome after took; publishedAt (epoch
// ms) is the video's publish time, given when the run ended its processing.
func Ran(outcome string, took time.Duration, publishedAt int64) {
	Count(outcome)
	runTime.WithLabelValues(outcome).Observe(took.Seconds())
	if publishedAt > 0 {
		lag.Observe(time.Since(time.UnixMilli(publishedAt)).Seconds())
	}
}

// Count counts one outcome.
func Count(outcome string) {
	if c, ok := byOutcome[outcome]; ok {
		c.Inc()
	}
}

// Pending sets the number of videos waiting.
func Pending(n int64) { pending.Set(float64(n)) }
