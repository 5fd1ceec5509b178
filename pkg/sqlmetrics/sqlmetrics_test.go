package sqlmetrics

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"douyin/pkg/promtest"
)

func TestCallsAreTimedAndFailuresCountedByCommand(t *testing.T) {
	before := promtest.Samples(t, prometheus.DefaultGatherer)
	for _, c := range []string{Query, Exec, Transact} {
		if _, ok := before[`douyin_sql_requests_error_total{command="`+c+`"}`]; !ok {
			t.Errorf("no error counter of %s before its first failure", c)
		}
	}
	Observe(Query, time.Now().Add(-20*time.Millisecond), false)
	Observe(Transact, time.Now(), true)
	Observe("unknown", time.Now(), true) // not a command: ignored
	after := promtest.Samples(t, prometheus.DefaultGatherer)
	for key, want := range map[string]float64{
		`douyin_sql_requests_duration_ms_count{command="query"}`:    1,
		`douyin_sql_requests_duration_ms_count{command="transact"}`: 1,
		`douyin_sql_requests_error_total{command="query"}`:          0,
		`douyin_sql_requests_error_total{command="transact"}`:       1,
	} {
		if d := after[key] - before[key]; d != want {
			t.Errorf("%s grew by %v, want %v", key, d, want)
		}
	}
	if ms := after[`douyin_sql_requests_duration_ms_sum{command="query"}`]; ms < 20 || ms > 1000 {
		t.Errorf("the query took %v ms, want about 20", ms)
	}
}
