//go:build nometrics

package ownmetrics

// On tells whether this build exports douyin-zero's own metrics: not with the
// build tag nometrics.
const On = false
