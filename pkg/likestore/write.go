package likestore

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/ratelimit"
)

//go:embed lua/set_liked.lua
var setLikedSrc string

var setLikedScript = changeScript(setLikedSrc)

// SetLiked records a like or unlike in ONE Redis step (a script): the user's
// state, the change for the flush, the three like counts, and the flush
// deadline: due = min(now + delay, oldest unflushed change + maxDelay). When no
// flush task of the user is armed it answers Arm, and the caller enqueues one.
// A cold state, or a count that no like created yet, costs a MySQL read first.
func (s *Store) SetLiked(ctx context.Context, c Change, delay, maxDelay time.Duration) (Outcome, error) {
	want := 0
	if c.Liked {
		want = 1
	}
	keys := []string{stateKey(c.UserID), changesKey(c.UserID), VideoLikeCounts,
		UserLikeCounts, AuthorLikeCounts, armedKey(c.UserID), dirtyKey, userKey(budgetPrefix, c.UserID)}
	args := []any{c.VideoID, c.AuthorID, c.UserID, want, delay.Milliseconds(), maxDelay.Milliseconds(),
		(maxDelay + armGrace).Milliseconds(), "", "", "", max(c.Budget.Quota, 0), max(c.Budget.Seconds, 1)}
	for attempt := 0; ; attempt++ {
		res, err := s.rds.ScriptRunCtx(ctx, setLikedScript, keys, args...)
		if err == redis.Nil && attempt < fillAttempts {
			if err := s.loadState(ctx, c.UserID); err != nil {
				return Outcome{}, err
			}
			continue
		}
		if err != nil {
			return Outcome{}, coldErr(err)
		}
		r, _ := res.([]any)
		if len(r) == 2 && r[0] == int64(-2) {
			left, _ := r[1].(int64)
			return Outcome{}, ratelimit.Refusal("likes", time.Duration(max(left, 1))*time.Second)
		}
		// Past the budget check, a retry must not count the change again.
		args[10] = 0
		if len(r) == 2 && attempt < fillAttempts {
			// Counts no like created yet: their bases come from MySQL.
			counts, err := s.counts.LikeCounts(ctx, c.VideoID, c.UserID, c.AuthorID)
			if err != nil {
				return Outcome{}, err
			}
			args[7], args[8], args[9] = counts.Video, counts.User, counts.Author
			continue
		}
		if len(r) != 3 {
			return Outcome{}, fmt.Errorf("set liked: unexpected reply %v", res)
		}
		changed, _ := r[0].(int64)
		arm, _ := r[1].(int64)
		due, _ := r[2].(int64)
		return Outcome{Changed: changed == 1, Arm: arm == 1, Due: time.UnixMilli(due)}, nil
	}
}

// Disarm forgets that a flush task of user is armed (its Enqueue failed), so
// that the next like, or the sweeper, arms one.
func (s *Store) Disarm(ctx context.Context, userID int64) error {
	_, err := s.rds.DelCtx(ctx, armedKey(userID))
	return err
}

// RefreshArmed extends the armed marker of user while its flush task is
// re-scheduled.
func (s *Store) RefreshArmed(ctx context.Context, userID int64, maxDelay time.Duration) error {
	return s.rds.SetexCtx(ctx, armedKey(userID), "1", int((maxDelay+armGrace)/time.Second))
}
