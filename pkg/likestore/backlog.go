package likestore

import (
	"context"
	_ "embed"
	"fmt"
	"time"
)

// backlogSample bounds the users one Backlog reads, so that a scrape costs the
// same whatever the backlog: exact up to that many users with unflushed changes.
var backlogSample = 1000

// Backlog is what waits in the data Redis for its flush.
type Backlog struct {
	Users   int64     // users with unflushed changes
	Changes int64     // their unflushed likes and unlikes
	Oldest  time.Time // when the oldest unflushed change was made; zero when none
}

//go:embed lua/backlog.lua
var backlogSrc string

var backlogScript = script(backlogSrc)

// Backlog reads the backlog in one script. Above backlogSample users it reads a
// random sample of them: Changes is scaled up from it and Oldest is the sample's
// (a stall ages every user's changes, so the sample shows it).
func (s *Store) Backlog(ctx context.Context) (Backlog, error) {
	res, err := s.rds.ScriptRunCtx(ctx, backlogScript, []string{dirtyKey}, backlogSample, changesPrefix, flushingPrefix)
	if err != nil {
		return Backlog{}, err
	}
	reply, _ := res.([]any)
	var n [4]int64
	for i := range n {
		if i >= len(reply) {
			return Backlog{}, fmt.Errorf("like backlog: unexpected reply %v", res)
		}
		n[i], _ = reply[i].(int64)
	}
	b := Backlog{Users: n[0], Changes: n[2]}
	if n[1] > 0 && n[1] < n[0] {
		b.Changes = n[2] * n[0] / n[1]
	}
	if n[3] > 0 {
		b.Oldest = time.UnixMilli(n[3])
	}
	return b, nil
}
