package main

import (
	"context"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/core/threading"

	"douyin/mq/internal/logic"
	"douyin/mq/internal/svc"
	"douyin/pkg/events"
)

// addProcessing adds the processing of published videos to group: the natsq
// consumer of video.published (when Events.URL is set) and its sweeper. Both
// keep running while NATS is away (the consumer reconnects), and neither
// stands in the like flush's way.
func addProcessing(group *service.ServiceGroup, svcCtx *svc.ServiceContext) {
	c := svcCtx.Config
	if c.Events.URL != "" {
		group.Add(events.NewConsumer(c.Events, c.Name, c.Processing.Group, []string{events.SubjectVideoPublished},
			c.Processing.Concurrency, logic.HandleVideoPublished(svcCtx)))
	} else {
		logx.Info("Events.URL is empty: no video.published is consumed, the sweeper processes pending videos itself")
	}
	group.Add(newProcessingSweeper(svcCtx))
}

// processingSweeper sends pending videos again, soon after a start and every
// Processing.SweepEvery.
type processingSweeper struct {
	svcCtx  *svc.ServiceContext
	sweeper *logic.ProcessingSweeper
	ctx     context.Context
	stop    context.CancelFunc
}

func newProcessingSweeper(svcCtx *svc.ServiceContext) *processingSweeper {
	ctx, stop := context.WithCancel(context.Background())
	return &processingSweeper{svcCtx: svcCtx, sweeper: logic.NewProcessingSweeper(svcCtx), ctx: ctx, stop: stop}
}

func (s *processingSweeper) Start() {
	// The first sweep waits a little: the consumer subscribes first.
	timer := time.NewTimer(min(5*time.Second, s.svcCtx.Config.Processing.SweepEvery))
	defer timer.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-timer.C:
		}
		threading.RunSafe(func() {
			if _, _, err := s.sweeper.Sweep(s.ctx); err != nil && s.ctx.Err() == nil {
				logx.Errorf("processing sweep: %v", err)
			}
		})
		timer.Reset(s.svcCtx.Config.Processing.SweepEvery)
	}
}

func (s *processingSweeper) Stop() { s.stop() }
