//go:build !nometrics

// Package ownmetrics switches douyin-zero's own metrics (the like pipeline, the
// Asynq queues, the row caches, MySQL calls, the video pipeline:
// pkg/likemetrics, pkg/queuemetrics, pkg/cachemetrics, pkg/sqlmetrics,
// pkg/videometrics) on, or off with the build tag nometrics, so that their cost
// can be measured against a build without them (BENCHMARKS.md). go-zero's own
// metrics are not affected.
package ownmetrics

// On tells whether this build exports douyin-zero's own metrics.
const On = true
