package queuemetrics

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"douyin/pkg/promtest"
	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

const queue = "queuemetrics-test"

func TestPollerExportsEveryStateAndTheTotals(t *testing.T) {
	opt := asynq.RedisClientOpt{Addr: testenv.Get().RedisAddr}
	client := asynq.NewClient(opt)
	defer client.Close()
	enqueue := func(payload string, opts ...asynq.Option) *asynq.TaskInfo {
		t.Helper()
		info, err := client.Enqueue(asynq.NewTask("test", []byte(payload)), append(opts, asynq.Queue(queue))...)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	enqueue("ok")
	enqueue("fail", asynq.MaxRetry(0))
	enqueue("later", asynq.ProcessIn(time.Hour))
	archived := enqueue("archived")
	inspector := asynq.NewInspector(opt)
	defer inspector.Close()
	if err := inspector.ArchiveTask(queue, archived.ID); err != nil {
		t.Fatal(err)
	}

	poller := New(opt, time.Hour)
	defer poller.Stop()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(poller)
	if err := poller.Poll(); err != nil {
		t.Fatal(err)
	}
	got := promtest.Samples(t, reg)
	want := map[string]float64{
		`douyin_asynq_tasks{queue="queuemetrics-test",state="pending"}`:     2,
		`douyin_asynq_tasks{queue="queuemetrics-test",state="active"}`:      0,
		`douyin_asynq_tasks{queue="queuemetrics-test",state="scheduled"}`:   1,
		`douyin_asynq_tasks{queue="queuemetrics-test",state="retry"}`:       0,
		`douyin_asynq_tasks{queue="queuemetrics-test",state="archived"}`:    1,
		`douyin_asynq_tasks{queue="queuemetrics-test",state="completed"}`:   0,
		`douyin_asynq_tasks{queue="queuemetrics-test",state="aggregating"}`: 0,
		`douyin_asynq_paused{queue="queuemetrics-test"}`:                    0,
		`douyin_asynq_processed_total{queue="queuemetrics-test"}`:           0,
		`douyin_asynq_failed_total{queue="queuemetrics-test"}`:              0,
		`douyin_asynq_poll_errors_total`:                                    0,
	}
	expect(t, got, want)
	if lat := got[`douyin_asynq_latency_seconds{queue="queuemetrics-test"}`]; lat < 0 || lat > 60 {
		t.Errorf("latency of the oldest pending task = %v s, want a few seconds at most", lat)
	}

	// A worker runs the two pending tasks: one succeeds, one fails for good.
	srv := asynq.NewServer(opt, asynq.Config{Queues: map[string]int{queue: 1}, LogLevel: asynq.FatalLevel})
	mux := asynq.NewServeMux()
	mux.HandleFunc("test", func(_ context.Context, task *asynq.Task) error {
		if string(task.Payload()) == "fail" {
			return errors.New("fails on purpose")
		}
		return nil
	})
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if err := poller.Poll(); err != nil {
			t.Fatal(err)
		}
		got = promtest.Samples(t, reg)
		if got[`douyin_asynq_processed_total{queue="queuemetrics-test"}`] == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	want[`douyin_asynq_tasks{queue="queuemetrics-test",state="pending"}`] = 0
	want[`douyin_asynq_tasks{queue="queuemetrics-test",state="archived"}`] = 2
	want[`douyin_asynq_processed_total{queue="queuemetrics-test"}`] = 2
	want[`douyin_asynq_failed_total{queue="queuemetrics-test"}`] = 1
	expect(t, got, want)
	if lat := got[`douyin_asynq_latency_seconds{queue="queuemetrics-test"}`]; lat != 0 {
		t.Errorf("latency with nothing pending = %v, want 0", lat)
	}
}

func TestPollerWithoutRedisExportsNoQueues(t *testing.T) {
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	opt := asynq.RedisClientOpt{Addr: "127.0.0.1:" + strconv.Itoa(port), DialTimeout: 200 * time.Millisecond}
	// A reading that worked before must not linger once Redis is gone.
	poller := New(opt, time.Hour)
	defer poller.Stop()
	poller.queues = []*asynq.QueueInfo{{Queue: "stale", Pending: 7}}
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(poller)
	if err := poller.Poll(); err == nil {
		t.Fatal("Poll without a Redis succeeded")
	}
	expect(t, promtest.Samples(t, reg), map[string]float64{`douyin_asynq_poll_errors_total`: 1})
}

func TestStartPollsUntilStop(t *testing.T) {
	opt := asynq.RedisClientOpt{Addr: testenv.Get().RedisAddr}
	client := asynq.NewClient(opt)
	defer client.Close()
	if _, err := client.Enqueue(asynq.NewTask("test", nil), asynq.Queue("queuemetrics-start"), asynq.ProcessIn(time.Hour)); err != nil {
		t.Fatal(err)
	}
	poller := New(opt, 20*time.Millisecond)
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(poller)
	stopped := make(chan struct{})
	go func() { poller.Start(); close(stopped) }()
	const key = `douyin_asynq_tasks{queue="queuemetrics-start",state="scheduled"}`
	deadline := time.Now().Add(10 * time.Second)
	for promtest.Samples(t, reg)[key] != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("Start never exported the scheduled task: %v", promtest.Samples(t, reg))
		}
		time.Sleep(10 * time.Millisecond)
	}
	poller.Stop()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("Start did not return after Stop")
	}
}

// expect checks that got has exactly the samples of want, plus latency samples.
func expect(t *testing.T, got, want map[string]float64) {
	t.Helper()
	var diffs []string
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			diffs = append(diffs, fmt.Sprintf("%s: got %v (present %v), want %v", k, g, ok, v))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && !strings.HasPrefix(k, "douyin_asynq_latency_seconds") {
			diffs = append(diffs, k+": unexpected")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("exported samples differ:\n%s", strings.Join(diffs, "\n"))
	}
}
