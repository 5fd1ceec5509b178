package likestore

import (
	"context"
	_ "embed"
	"fmt"
	"strconv"
	"time"
)

//go:embed lua/take_batch.lua
var takeBatchSrc string

var takeBatchScript = changeScript(takeBatchSrc)

// TakeBatch snapshots the user's changes for a flush: the changes hash becomes
// the flushing one, so likes arriving meanwhile start a new changes hash. An
// unfinished snapshot (a crashed flush) is answered again, as is. When the
// changes are not due yet it answers (nil, due); with nothing to flush (nil, zero).
func (s *Store) TakeBatch(ctx context.Context, userID int64) (*Batch, time.Time, error) {
	keys := []string{changesKey(userID), flushingKey(userID), armedKey(userID), dirtyKey, batchKey(userID)}
	res, err := s.rds.ScriptRunCtx(ctx, takeBatchScript, keys, userID)
	if err != nil {
		return nil, time.Time{}, err
	}
	reply, _ := res.([]any)
	if len(reply) == 0 {
		return nil, time.Time{}, nil
	}
	strs := make([]string, len(reply))
	for i, v := range reply {
		strs[i], _ = v.(string)
	}
	if strs[0] == "wait" && len(strs) == 2 {
		due, err := strconv.ParseInt(strs[1], 10, 64)
		return nil, time.UnixMilli(due), err
	}
	if len(strs) < 2 {
		return nil, time.Time{}, fmt.Errorf("like batch of %d: unexpected reply %v", userID, res)
	}
	b, err := parseBatch(userID, strs[1], strs[2:])
	return b, time.Time{}, err
}

// changeParts are the parts of a decoded change in take_batch.lua's answer:
// video, was, now, ms, author.
const changeParts = 5

// parseBatch reads a snapshot: its batch id and its decoded changes, and nets
// their counter changes.
func parseBatch(userID int64, batchID string, changes []string) (*Batch, error) {
	batch, err := strconv.ParseInt(batchID, 10, 64)
	if err != nil || batch == 0 {
		return nil, fmt.Errorf("like batch of %d: bad batch id %q", userID, batchID)
	}
	b := &Batch{UserID: userID, Batch: batch, VideoLikes: map[int64]int64{}, UserLikes: map[int64]int64{},
		AuthorLikes: map[int64]int64{}}
	for i := 0; i+changeParts <= len(changes); i += changeParts {
		c := changes[i : i+changeParts]
		video, err1 := strconv.ParseInt(c[0], 10, 64)
		at, err2 := strconv.ParseInt(c[3], 10, 64)
		author, err3 := strconv.ParseInt(c[4], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || (c[1] != "0" && c[1] != "1") || (c[2] != "0" && c[2] != "1") {
			return nil, fmt.Errorf("like batch of %d: bad change %q", userID, c)
		}
		was, now := int64(c[1][0]-'0'), int64(c[2][0]-'0')
		b.Rows = append(b.Rows, Row{VideoID: video, Liked: now == 1, At: at})
		if d := now - was; d != 0 {
			b.VideoLikes[video] += d
			b.UserLikes[userID] += d
			b.AuthorLikes[author] += d
		}
	}
	for _, m := range []map[int64]int64{b.VideoLikes, b.UserLikes, b.AuthorLikes} {
		for id, d := range m {
			if d == 0 {
				delete(m, id)
			}
		}
	}
	return b, nil
}

//go:embed lua/finish_batch.lua
var finishBatchSrc string

var finishBatchScript = script(finishBatchSrc)

// FinishBatch clears exactly the applied snapshot (MySQL has it now) and drops
// it; the like counts already hold it. It answers when the changes that arrived
// meanwhile are due (zero: none; the caller must arm a follow-up flush
// otherwise). Running it twice is harmless.
func (s *Store) FinishBatch(ctx context.Context, b *Batch) (time.Time, error) {
	keys := []string{flushingKey(b.UserID), changesKey(b.UserID), armedKey(b.UserID), dirtyKey,
		stateGuard(b.UserID), stateKey(b.UserID)}
	args := []any{strconv.FormatInt(b.Batch, 10), b.UserID, int(s.stateTTL / time.Second)}
	res, err := s.rds.ScriptRunCtx(ctx, finishBatchScript, keys, args...)
	if err != nil {
		return time.Time{}, err
	}
	if due, _ := res.(int64); due > 0 {
		return time.UnixMilli(due), nil
	}
	return time.Time{}, nil
}

//go:embed lua/overdue.lua
var overdueSrc string

var overdueScript = script(overdueSrc)

// OverdueUsers lists the users whose changes are overdue by more than grace
// (their flush task was lost: an Enqueue that failed, a Redis that lost it).
// The mq sweeper arms a flush for each.
func (s *Store) OverdueUsers(ctx context.Context, grace time.Duration) ([]int64, error) {
	var users []int64
	cursor := "0"
	for {
		limit := time.Now().Add(-grace).UnixMilli()
		res, err := s.rds.ScriptRunCtx(ctx, overdueScript, []string{dirtyKey}, cursor, limit, changesPrefix, flushingPrefix)
		if err != nil {
			return nil, err
		}
		reply, _ := res.([]any)
		if len(reply) == 0 {
			return users, nil
		}
		cursor, _ = reply[0].(string)
		for _, v := range reply[1:] {
			if str, ok := v.(string); ok {
				if id, err := strconv.ParseInt(str, 10, 64); err == nil {
					users = append(users, id)
				}
			}
		}
		if cursor == "0" {
			return users, nil
		}
	}
}
