package logic

import (
	"context"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"github.com/zeromicro/go-zero/core/logx"

	"douyin/mq/internal/svc"
	"douyin/mq/jobtype"
	"douyin/pkg/likemetrics"
	"douyin/pkg/likestore"
)

type LikeFlushLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewLikeFlushLogic(ctx context.Context, svcCtx *svc.ServiceContext) *LikeFlushLogic {
	return &LikeFlushLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// LikeFlush writes the user's pending likes to MySQL, if they are due:
//  1. snapshot the changes in Redis (or take up a snapshot a crashed flush left);
//  2. one MySQL transaction: shard rows, counters, batch marker (a batch that is
//     already there is skipped, so a redelivered task counts nothing twice);
//  3. clear exactly the snapshot in Redis, and arm a follow-up flush for likes
//     that arrived meanwhile.
//
// Any error leaves the snapshot in place and Asynq retries the task. Readers
// take the like counts from the like store, which held the batch since each
// like, so nothing a reader sees moves at the commit, whatever process dies
// between the steps, and no cached row needs deleting.
func (l *LikeFlushLogic) LikeFlush(userID int64) error {
	if n, ok := asynq.GetRetryCount(l.ctx); ok && n > 0 {
		likemetrics.FlushRetried()
	}
	_, err := l.flush(userID)
	return err
}

// flush answers the batch it wrote to MySQL, nil if none.
func (l *LikeFlushLogic) flush(userID int64) (*likestore.Batch, error) {
	likes := l.svcCtx.Likes
	batch, due, err := likes.TakeBatch(l.ctx, userID)
	if err != nil {
		likemetrics.FlushFailed(likemetrics.CauseSnapshot)
		return nil, err
	}
	if batch == nil {
		if due.IsZero() {
			return nil, nil // nothing pending: a duplicate task
		}
		// Liked again since this task was armed: come back when due.
		return nil, l.arm(userID, due)
	}
	applied, err := l.svcCtx.LikeFlush.ApplyBatch(l.ctx, batch)
	if err != nil {
		likemetrics.FlushFailed(likemetrics.CauseMySQL)
		return nil, fmt.Errorf("flush likes of user %d: %w", userID, err)
	}
	if applied {
		likemetrics.FlushCommitted(batch)
	}
	afterCommit()
	next, err := likes.FinishBatch(l.ctx, batch)
	if err != nil {
		likemetrics.FlushFailed(likemetrics.CauseFinish)
		return nil, err
	}
	if !applied {
		l.Infof("like batch %d of user %d was applied before", batch.Batch, userID)
		batch = nil
	}
	if !next.IsZero() {
		if err := l.arm(userID, next); err != nil {
			return nil, err
		}
	}
	return batch, nil
}

// arm schedules the user's next flush. The running task still holds its own id,
// which may be the one of this deadline (a task that ran early: clocks differ),
// so the new task's id is made unique.
func (l *LikeFlushLogic) arm(userID int64, due time.Time) error {
	err := l.svcCtx.Likes.RefreshArmed(l.ctx, userID, l.svcCtx.Config.LikeFlushMaxDelay)
	if err == nil {
		err = jobtype.EnqueueLikeFlush(l.ctx, l.svcCtx.Asynq, userID, due, fmt.Sprintf(":w%d", time.Now().UnixNano()))
	}
	if err != nil {
		likemetrics.FlushFailed(likemetrics.CauseArm)
	}
	return err
}

// SweepLikes arms a flush for every user whose changes are overdue by grace,
// or whose flush stopped half way: their task was lost (an Enqueue that failed
// after the like, a Redis that lost it) or their worker was killed.
func SweepLikes(ctx context.Context, svcCtx *svc.ServiceContext, grace time.Duration) {
	users, err := svcCtx.Likes.OverdueUsers(ctx, grace)
	if err != nil {
		logx.WithContext(ctx).Errorf("sweep likes: %v", err)
		return
	}
	now := time.Now()
	armed := 0
	for _, u := range users {
		if err := jobtype.EnqueueLikeFlush(ctx, svcCtx.Asynq, u, now, ":sweep"); err != nil {
			logx.WithContext(ctx).Errorf("sweep likes of user %d: %v", u, err)
			continue
		}
		armed++
	}
	likemetrics.SweeperRearmed(armed)
	if len(users) > 0 {
		logx.WithContext(ctx).Infof("sweep likes: armed %d overdue flushes", len(users))
	}
}
