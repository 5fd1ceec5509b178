package model

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

// The processing states of a video's playback rendition (process_state). A
// video is published pending, with its original as play_key; the worker makes
// it done (play_key and cover_key switched to the rendition) or failed (the
// original stays, process_error says why).
const (
	ProcessPending = "pending"
	ProcessDone    = "done"
	ProcessFailed  = "failed"
)

// processErrorChars is the length of the process_error column.
const processErrorChars = 255

// VideoProcessing is the worker's side of the video table: every change goes
// through a condition on the row's state, so redelivered or concurrent jobs
// cannot undo each other, and drops the row's cache entry.
type VideoProcessing interface {
	// ClaimProcessing starts a run of video id's processing at now (epoch ms):
	// it answers the row and true when the video is pending, has had fewer than
	// maxAttempts runs, and has no run under way that started after
	// staleBefore; false otherwise (done, failed, given up, or claimed by
	// another run).
	ClaimProcessing(ctx context.Context, id, now, staleBefore int64, maxAttempts int) (*Video, bool, error)
	// TouchProcessing tells that run attempt of video id is alive at now, so
	// the sweeper does not start another (the cached row is not dropped: no
	// reader uses process_at).
	TouchProcessing(ctx context.Context, id, attempt, now int64) error
	// FinishProcessing switches a pending video whose play_key is still
	// fromPlayKey to playKey and coverKey, done, in one update.
	FinishProcessing(ctx context.Context, id int64, fromPlayKey, playKey, coverKey string, now int64) (bool, error)
	// FailProcessing ends a pending video's processing as failed with reason;
	// its original stays what plays.
	FailProcessing(ctx context.Context, id int64, reason string, now int64) (bool, error)
	// StalePending answers up to limit pending videos whose last run (or
	// publish) started before staleBefore, oldest first.
	StalePending(ctx context.Context, staleBefore int64, limit int) ([]*Video, error)
	// CountPending counts the videos whose processing is pending.
	CountPending(ctx context.Context) (int64, error)
}

// execRow runs one conditional update of row id, then drops its cache entry
// (now and once more a second later), and answers whether a row changed.
func (m *customVideoModel) execRow(ctx context.Context, id int64, query string, args ...any) (bool, error) {
	res, err := m.ExecNoCacheCtx(ctx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	return true, m.DelCache(ctx, id)
}

func (m *customVideoModel) ClaimProcessing(ctx context.Context, id, now, staleBefore int64, maxAttempts int) (*Video, bool, error) {
	query := fmt.Sprintf("update %s set `process_attempts` = `process_attempts` + 1, `process_at` = ? "+
		"where `id` = ? and `process_state` = ? and `process_attempts` < ? and (`process_attempts` = 0 or `process_at` < ?)",
		m.table)
	ok, err := m.execRow(ctx, id, query, now, id, ProcessPending, maxAttempts, staleBefore)
	if err != nil || !ok {
		return nil, false, err
	}
	var v Video
	err = m.QueryRowNoCacheCtx(ctx, &v, fmt.Sprintf("select %s from %s where `id` = ?", videoRows, m.table), id)
	if err == sqlx.ErrNotFound || err == sql.ErrNoRows {
		return nil, false, nil
	}
	return &v, err == nil, err
}

func (m *customVideoModel) TouchProcessing(ctx context.Context, id, attempt, now int64) error {
	query := fmt.Sprintf("update %s set `process_at` = ? where `id` = ? and `process_state` = ? and `process_attempts` = ?", m.table)
	_, err := m.ExecNoCacheCtx(ctx, query, now, id, ProcessPending, attempt)
	return err
}

func (m *customVideoModel) FinishProcessing(ctx context.Context, id int64, fromPlayKey, playKey, coverKey string, now int64) (bool, error) {
	query := fmt.Sprintf("update %s set `play_key` = ?, `cover_key` = ?, `process_state` = ?, `process_error` = '', "+
		"`processed_at` = ? where `id` = ? and `process_state` = ? and `play_key` = ?", m.table)
	return m.execRow(ctx, id, query, playKey, coverKey, ProcessDone, now, id, ProcessPending, fromPlayKey)
}

func (m *customVideoModel) FailProcessing(ctx context.Context, id int64, reason string, now int64) (bool, error) {
	if r := []rune(reason); len(r) > processErrorChars {
		reason = string(r[:processErrorChars])
	}
	query := fmt.Sprintf("update %s set `process_state` = ?, `process_error` = ?, `processed_at` = ? "+
		"where `id` = ? and `process_state` = ?", m.table)
	return m.execRow(ctx, id, query, ProcessFailed, reason, now, id, ProcessPending)
}

func (m *customVideoModel) StalePending(ctx context.Context, staleBefore int64, limit int) ([]*Video, error) {
	var videos []*Video
	// A range of idx_process_state_at.
	query := fmt.Sprintf("select %s from %s where `process_state` = ? and `process_at` < ? order by `process_at` limit ?",
		videoRows, m.table)
	err := m.QueryRowsNoCacheCtx(ctx, &videos, query, ProcessPending, staleBefore, limit)
	return videos, err
}

func (m *customVideoModel) CountPending(ctx context.Context) (int64, error) {
	var n int64
	err := m.QueryRowNoCacheCtx(ctx, &n, fmt.Sprintf("select count(*) from %s where `process_state` = ?", m.table), ProcessPending)
	return n, err
}
