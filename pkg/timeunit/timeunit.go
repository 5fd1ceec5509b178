// Package timeunit holds the contract's one time rule: store and emit epoch
// milliseconds; on input <= 0 is "not given", < 1e11 is seconds, anything else
// milliseconds, and the future is clamped to now.
package timeunit

import "time"

const secondsBelow = 100_000_000_000

// NowMs is the current time in epoch milliseconds.
func NowMs() int64 { return time.Now().UnixMilli() }

// FromClient normalises a client time to epoch ms; 0 means "not given".
func FromClient(v int64) int64 {
	if v <= 0 {
		return 0
	}
	if v < secondsBelow {
		v *= 1000
	}
	if now := NowMs(); v > now {
		return now
	}
	return v
}

// Date formats epoch ms as the contract's MM-DD in the server's time zone.
func Date(ms int64) string { return time.UnixMilli(ms).Format("01-02") }
