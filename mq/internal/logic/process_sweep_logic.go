package logic

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/mq/internal/svc"
	"douyin/pkg/events"
	"douyin/pkg/timeunit"
	"douyin/pkg/videometrics"
)

const (
	// sweepBatch bounds the videos one sweep sends again, sweepFetchMax the
	// stale rows it reads.
	sweepBatch    = 100
	sweepFetchMax = 1000
	// staleWorkAge is when a run's leftover output (its worker was killed) is removed.
	staleWorkAge = time.Hour
)

// ProcessingSweeper catches up with what core NATS lost: every video pending
// past RetryAfter (its event was never delivered, or its run died) is sent
// again, or, after MaxAttempts runs, failed with the original playing on.
// Without NATS (Events.URL empty) the sweep runs the jobs itself. A video is
// sent again once per RetryAfter while its row stays as it was, so a backlog
// waiting for a busy worker is not sent over and over.
type ProcessingSweeper struct {
	svcCtx *svc.ServiceContext
	mu     sync.Mutex
	sent   map[int64]sending // by video id
}

// sending is when a video was sent again, and its process_at then.
type sending struct {
	processAt int64
	at        time.Time
}

func NewProcessingSweeper(svcCtx *svc.ServiceContext) *ProcessingSweeper {
	return &ProcessingSweeper{svcCtx: svcCtx, sent: map[int64]sending{}}
}

// Sweep runs one sweep; it answers the videos it sent again (or ran) and
// those it gave up.
func (s *ProcessingSweeper) Sweep(ctx context.Context) (resent, gaveUp []int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	svcCtx := s.svcCtx
	c := svcCtx.Config.Processing
	now := timeunit.NowMs()
	// The videos sent last time and not claimed yet are skipped below: fetch
	// that many more, so they never crowd out the others of the batch.
	stale, err := svcCtx.Video.StalePending(ctx, now-c.RetryAfter.Milliseconds(),
		min(sweepBatch+len(s.sent), sweepFetchMax))
	if err != nil {
		return nil, nil, err
	}
	sent := make(map[int64]sending, len(stale)) // what is no longer stale is forgotten
	defer func() { s.sent = sent }()
	for _, v := range stale {
		if v.ProcessAttempts >= int64(c.MaxAttempts) {
			reason := fmt.Sprintf("gave up after %d runs that did not finish", v.ProcessAttempts)
			if ok, err := svcCtx.Video.FailProcessing(ctx, v.Id, reason, timeunit.NowMs()); err != nil {
				return resent, gaveUp, err
			} else if ok {
				logx.WithContext(ctx).Errorf("video %d: %s; the original plays on", v.Id, reason)
				videometrics.Count(videometrics.GaveUp)
				gaveUp = append(gaveUp, v.Id)
			}
			continue
		}
		if last, ok := s.sent[v.Id]; ok && last.processAt == v.ProcessAt && time.Since(last.at) < c.RetryAfter {
			sent[v.Id] = last // sent, and not yet claimed: the worker is busy
			continue
		}
		sent[v.Id] = sending{processAt: v.ProcessAt, at: time.Now()}
		if svcCtx.Events == nil {
			if _, err := NewProcessVideoLogic(ctx, svcCtx).Process(v.Id); err != nil {
				logx.WithContext(ctx).Errorf("video %d: %v", v.Id, err)
			}
		} else if err := events.PublishJSON(ctx, svcCtx.Events, events.SubjectVideoPublished, events.VideoPublished{
			VideoID: v.Id, AuthorID: v.AuthorId, PlayKey: v.PlayKey, CoverKey: v.CoverKey, CreatedAt: v.CreatedAt, Resent: true,
		}); err != nil {
			return resent, gaveUp, err
		}
		videometrics.Count(videometrics.Resent)
		resent = append(resent, v.Id)
	}
	if n, err := svcCtx.Video.CountPending(ctx); err == nil {
		videometrics.Pending(n)
	}
	removeStaleWork(filepath.Join(svcCtx.Files.Dir(), workDir))
	return resent, gaveUp, nil
}

// removeStaleWork removes outputs that killed runs left in dir.
func removeStaleWork(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleWorkAge {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
