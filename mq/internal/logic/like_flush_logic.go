package logic

import (
	"context"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/mq/internal/svc"
	"douyin/mq/jobtype"
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
//  3. drop the cached rows whose counters changed;
//  4. clear exactly the snapshot in Redis, and arm a follow-up flush for likes
//     that arrived meanwhile.
//
// Any error leaves the snapshot in place and Asynq retries the task.
// Windows accepted between 2 and 4 (a few ms): a reader that loads a row from
// MySQL after the commit, while the pending counts still hold the batch, counts
// it twice; one that holds a row cached before the commit after step 4 counts
// it zero times, until the delayed second DEL (1 s) of step 3.
func (l *LikeFlushLogic) LikeFlush(userID int64) error {
	_, err := l.flush(userID)
	return err
}

// flush answers the batch it wrote to MySQL, nil if none.
func (l *LikeFlushLogic) flush(userID int64) (*likestore.Batch, error) {
	likes := l.svcCtx.Likes
	batch, due, err := likes.TakeBatch(l.ctx, userID)
	if err != nil {
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
		return nil, fmt.Errorf("flush likes of user %d: %w", userID, err)
	}
	if err := l.svcCtx.LikeFlush.DelCountCaches(l.ctx, batch); err != nil {
		return nil, err
	}
	next, err := likes.FinishBatch(l.ctx, batch)
	if err != nil {
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
	if err := l.svcCtx.Likes.RefreshArmed(l.ctx, userID, l.svcCtx.Config.LikeFlushMaxDelay); err != nil {
		return err
	}
	return jobtype.EnqueueLikeFlush(l.ctx, l.svcCtx.Asynq, userID, due, fmt.Sprintf(":w%d", time.Now().UnixNano()))
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
	for _, u := range users {
		if err := jobtype.EnqueueLikeFlush(ctx, svcCtx.Asynq, u, now, ":sweep"); err != nil {
			logx.WithContext(ctx).Errorf("sweep likes of user %d: %v", u, err)
		}
	}
	if len(users) > 0 {
		logx.WithContext(ctx).Infof("sweep likes: armed %d overdue flushes", len(users))
	}
}
