package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/core/threading"

	"douyin/mq/internal/config"
	"douyin/mq/internal/handler"
	"douyin/mq/internal/logic"
	"douyin/mq/internal/svc"
	"douyin/mq/jobtype"
	"douyin/pkg/envconf"
	"douyin/pkg/queuemetrics"
)

var configFile = flag.String("f", "etc/mq.yaml", "the config file")

func main() {
	flag.Parse()

	var c config.Config
	// The etc file's ${VARIABLES} come from the environment, with local defaults.
	envconf.MustLoad(*configFile, &c)
	c.MustSetUp()
	ctx := svc.NewServiceContext(c)

	group := service.NewServiceGroup()
	defer group.Stop()
	group.Add(newWorker(ctx))
	group.Add(newSweeper(ctx))
	group.Add(newAdmin(ctx))
	// Published videos' renditions: the natsq consumer and its sweeper (processing.go).
	addProcessing(group, ctx)
	// Every Asynq queue's depth and totals, on the DevServer's /metrics.
	queues := queuemetrics.New(jobtype.RedisOpt(c.DataRedis.Host, c.DataRedis.Pass), 0)
	prometheus.MustRegister(queues)
	group.Add(queues)

	fmt.Printf("Starting mq worker, asynqmon at http://%s%s\n", c.Admin.Addr, c.Admin.Path)
	group.Start()
}

// worker runs the Asynq server.
type worker struct {
	srv *asynq.Server
	mux *asynq.ServeMux
}

func newWorker(svcCtx *svc.ServiceContext) *worker {
	c := svcCtx.Config
	srv := asynq.NewServer(jobtype.RedisOpt(c.DataRedis.Host, c.DataRedis.Pass), asynq.Config{
		Concurrency:              c.Asynq.Concurrency,
		DelayedTaskCheckInterval: c.Asynq.CheckInterval,
		// Flushes fail on a busy or absent MySQL: retry soon, then back off.
		RetryDelayFunc: func(n int, _ error, _ *asynq.Task) time.Duration {
			return min(time.Duration(n+1)*time.Second, time.Minute)
		},
		Logger:   asynqLogger{},
		LogLevel: asynq.WarnLevel,
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			logx.WithContext(ctx).Errorf("task %s %s: %v", t.Type(), t.Payload(), err)
		}),
	})
	mux := asynq.NewServeMux()
	handler.RegisterHandlers(mux, svcCtx)
	return &worker{srv: srv, mux: mux}
}

func (w *worker) Start() {
	if err := w.srv.Run(w.mux); err != nil {
		logx.Must(err)
	}
}

func (w *worker) Stop() { w.srv.Shutdown() }

// sweeper arms the flushes that were lost, every SweepEvery, and makes the
// owed second deletes of cached rows, every second.
type sweeper struct {
	svcCtx *svc.ServiceContext
	done   chan struct{}
}

func newSweeper(svcCtx *svc.ServiceContext) *sweeper {
	return &sweeper{svcCtx: svcCtx, done: make(chan struct{})}
}

func (s *sweeper) Start() {
	// Sweep soon after a start too: a worker killed within a flush left a
	// snapshot that waits for its MySQL commit or its Redis clean-up.
	first := time.NewTimer(5 * time.Second)
	defer first.Stop()
	ticker := time.NewTicker(s.svcCtx.Config.Asynq.SweepEvery)
	defer ticker.Stop()
	// Owed second deletes of cached rows are due a second after their write.
	deletes := time.NewTicker(time.Second)
	defer deletes.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-deletes.C:
			threading.RunSafe(func() { logic.SettleCacheDeletes(context.Background(), s.svcCtx) })
		case <-first.C:
			threading.RunSafe(func() { logic.SweepLikes(context.Background(), s.svcCtx, 0) })
		case <-ticker.C:
			threading.RunSafe(func() { logic.SweepLikes(context.Background(), s.svcCtx, s.svcCtx.Config.Asynq.SweepEvery) })
		}
	}
}

func (s *sweeper) Stop() { close(s.done) }

// admin serves asynqmon.
type admin struct {
	srv *http.Server
}

func newAdmin(svcCtx *svc.ServiceContext) *admin {
	return &admin{srv: &http.Server{Addr: svcCtx.Config.Admin.Addr, Handler: handler.AdminHandler(svcCtx),
		ReadHeaderTimeout: 10 * time.Second}}
}

func (a *admin) Start() {
	if err := a.srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logx.Must(err)
	}
}

func (a *admin) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = a.srv.Shutdown(ctx)
}

// asynqLogger sends Asynq's own logs to logx.
type asynqLogger struct{}

func (asynqLogger) Debug(args ...any) { logx.Debug(args...) }
func (asynqLogger) Info(args ...any)  { logx.Info(args...) }
func (asynqLogger) Warn(args ...any)  { logx.Error(args...) }
func (asynqLogger) Error(args ...any) { logx.Error(args...) }
func (asynqLogger) Fatal(args ...any) { logx.Must(fmt.Errorf("%s", fmt.Sprint(args...))) }
