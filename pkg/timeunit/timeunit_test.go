package timeunit

import (
	"testing"
	"time"
)

func TestFromClient(t *testing.T) {
	now := NowMs()
	cases := []struct {
		in, want int64
	}{
		{0, 0},
		{-5, 0},
		{1_600_000_000, 1_600_000_000_000},     // seconds
		{99_999_999_999, 99_999_999_999_000},   // the largest seconds value
		{1_600_000_000_123, 1_600_000_000_123}, // milliseconds
		{100_000_000_000, 100_000_000_000},     // the smallest milliseconds value
	}
	for _, c := range cases {
		got := FromClient(c.in)
		if c.want > now {
			c.want = now
		}
		if got != c.want && !(c.want == now && got >= now) {
			t.Errorf("FromClient(%d) = %d, want %d", c.in, got, c.want)
		}
	}
	future := time.Now().Add(time.Hour)
	for _, in := range []int64{future.Unix(), future.UnixMilli()} {
		if got := FromClient(in); got > NowMs() || got < now {
			t.Errorf("future %d not clamped to now: %d", in, got)
		}
	}
}

func TestDate(t *testing.T) {
	ms := time.Date(2026, 3, 7, 12, 0, 0, 0, time.Local).UnixMilli()
	if got := Date(ms); got != "03-07" {
		t.Fatalf("Date = %q, want 03-07", got)
	}
}
