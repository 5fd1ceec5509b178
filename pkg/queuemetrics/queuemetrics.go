// Package queuemetrics exports every Asynq queue to Prometheus: how many tasks
// it holds in each state, how old its oldest pending task is, and how many
// tasks it has processed and failed. A Poller reads asynq's Inspector in the
// background (a scrape never waits for Redis) and is a prometheus.Collector
// that answers scrapes from the last reading.
//
//	poller := queuemetrics.New(redisOpt, 0)
//	prometheus.MustRegister(poller)
//	group.Add(poller) // a go-zero service: Start polls until Stop
package queuemetrics

import (
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/logx"

	"douyin/pkg/ownmetrics"
)

// DefaultEvery is how often a Poller reads the queues unless told otherwise.
const DefaultEvery = 5 * time.Second

var (
	tasksDesc = prometheus.NewDesc("douyin_asynq_tasks",
		"Tasks in an Asynq queue by state (pending, active, scheduled, retry, archived, completed, aggregating).",
		[]string{"queue", "state"}, nil)
	latencyDesc = prometheus.NewDesc("douyin_asynq_latency_seconds",
		"Age of the oldest pending task of an Asynq queue (0 when none is pending).",
		[]string{"queue"}, nil)
	pausedDesc = prometheus.NewDesc("douyin_asynq_paused",
		"1 while an Asynq queue is paused.", []string{"queue"}, nil)
	// Asynq keeps these totals in Redis; exported as they are (counters), rate()
	// is right across worker restarts and with several exporters, which a
	// counter fed from deltas seen by one process would not be (it would start
	// from zero and miss what happened while it was down).
	processedDesc = prometheus.NewDesc("douyin_asynq_processed_total",
		"Tasks an Asynq queue has processed, failed ones included (asynq's ProcessedTotal).",
		[]string{"queue"}, nil)
	failedDesc = prometheus.NewDesc("douyin_asynq_failed_total",
		"Task runs of an Asynq queue that failed (asynq's FailedTotal): retried and archived ones.",
		[]string{"queue"}, nil)
	pollErrorsDesc = prometheus.NewDesc("douyin_asynq_poll_errors_total",
		"Readings of the Asynq queues that failed (the queue series are absent until one succeeds).",
		nil, nil)
)

// Poller reads the Asynq queues every so often and exports the last reading.
type Poller struct {
	inspector *asynq.Inspector
	every     time.Duration
	done      chan struct{}
	stopOnce  sync.Once

	mu         sync.Mutex
	queues     []*asynq.QueueInfo // the last successful reading; nil after a failed one
	pollErrors int
}

// New returns a Poller of the queues on the Redis of opt, read every every
// (DefaultEvery when 0). It polls once Start runs.
func New(opt asynq.RedisConnOpt, every time.Duration) *Poller {
	if every <= 0 {
		every = DefaultEvery
	}
	return &Poller{inspector: asynq.NewInspector(opt), every: every, done: make(chan struct{})}
}

// Start reads the queues now and every p.every until Stop.
func (p *Poller) Start() {
	if !ownmetrics.On {
		<-p.done
		return
	}
	ticker := time.NewTicker(p.every)
	defer ticker.Stop()
	for {
		if err := p.Poll(); err != nil {
			logx.Errorf("queuemetrics: read the asynq queues: %v", err)
		}
		select {
		case <-p.done:
			return
		case <-ticker.C:
		}
	}
}

// Stop ends Start and closes the Inspector's connections.
func (p *Poller) Stop() {
	p.stopOnce.Do(func() {
		close(p.done)
		_ = p.inspector.Close()
	})
}

// Poll reads every queue once. On failure the queue series disappear until a
// reading succeeds: a scrape never shows stale depths as current.
func (p *Poller) Poll() error {
	queues, err := p.read()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.queues = queues
	if err != nil {
		p.pollErrors++
	}
	return err
}

func (p *Poller) read() ([]*asynq.QueueInfo, error) {
	names, err := p.inspector.Queues()
	if err != nil {
		return nil, err
	}
	infos := make([]*asynq.QueueInfo, 0, len(names))
	for _, name := range names {
		// A queue deleted since it was listed fails this reading (queues are
		// hardly ever deleted); the next one is right.
		info, err := p.inspector.GetQueueInfo(name)
		if err != nil {
			return nil, err
		}
		infos = append(infos, info)
	}
	return infos, nil
}

// Describe implements prometheus.Collector.
func (p *Poller) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{tasksDesc, latencyDesc, pausedDesc, processedDesc, failedDesc, pollErrorsDesc} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (p *Poller) Collect(ch chan<- prometheus.Metric) {
	if !ownmetrics.On {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	ch <- prometheus.MustNewConstMetric(pollErrorsDesc, prometheus.CounterValue, float64(p.pollErrors))
	for _, q := range p.queues {
		for _, s := range []struct {
			state string
			n     int
		}{
			{"pending", q.Pending}, {"active", q.Active}, {"scheduled", q.Scheduled}, {"retry", q.Retry},
			{"archived", q.Archived}, {"completed", q.Completed}, {"aggregating", q.Aggregating},
		} {
			ch <- prometheus.MustNewConstMetric(tasksDesc, prometheus.GaugeValue, float64(s.n), q.Queue, s.state)
		}
		ch <- prometheus.MustNewConstMetric(latencyDesc, prometheus.GaugeValue, q.Latency.Seconds(), q.Queue)
		ch <- prometheus.MustNewConstMetric(pausedDesc, prometheus.GaugeValue, boolValue(q.Paused), q.Queue)
		ch <- prometheus.MustNewConstMetric(processedDesc, prometheus.CounterValue, float64(q.ProcessedTotal), q.Queue)
		ch <- prometheus.MustNewConstMetric(failedDesc, prometheus.CounterValue, float64(q.FailedTotal), q.Queue)
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
