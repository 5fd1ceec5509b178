package faults

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// stopped tells whether the process pid is stopped by a signal (state T).
func stopped(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) > 0 && fields[0] == "T"
}

// flushedRows counts the liked rows of the world's fans in their shard tables.
func (w *world) flushedRows(t *testing.T) int64 {
	env := testenv.Get()
	var n int64
	for _, f := range w.fans {
		table := fmt.Sprintf("favorite_%02d", f.id%int64(env.LikeShards))
		n += env.QueryInt(t, "select count(*) from `"+table+"` where `user_id` = ?", f.id)
	}
	return n
}

// likeRound has every fan like or unlike videos in a pattern of round, and
// fails on any refusal: these likes must all be acknowledged.
func (w *world) likeRound(t *testing.T, st *testenv.Stack, round int) {
	t.Helper()
	for i, f := range w.fans {
		for j, v := range w.videos {
			if (i+j+round)%3 == 0 {
				continue
			}
			on := (i*j+round)%4 != 0
			if r, err := w.like(st, f, v, on); err != nil || r.Code() != 0 {
				t.Fatalf("round %d: like %d by %d: %v %v", round, v, f.id, r, err)
			}
		}
	}
}

func requireExactReads(t *testing.T, st *testenv.Stack, w *world, when string) {
	t.Helper()
	if wrong := w.checkReads(t, st); len(wrong) > 0 {
		t.Fatalf("%s: %d reads differ from the acknowledged likes:\n%s", when, len(wrong), strings.Join(wrong, "\n"))
	}
}

// The worker stops right after its first MySQL commit, before its Redis
// clean-up: meanwhile every count, heart and favorite list equals what the
// acknowledged likes imply; so they do after the worker is killed and while it
// stays dead, with more likes coming; and once a worker runs again, MySQL
// holds exactly those likes.
func TestReadsStayExactWhenTheWorkerDiesAfterItsCommit(t *testing.T) {
	st, _, fix := setUp(t)
	w := fix.freeze
	t.Cleanup(func() { // leave a running worker to the tests after this one
		if st.Pid("douyin-mq") == 0 || stopped(st.Pid("douyin-mq")) {
			_ = os.WriteFile(freezeMarker, nil, 0o644)
			st.Kill("douyin-mq")
			st.Restart(t, "douyin-mq")
		}
	})
	w.likeRound(t, st, 0)

	if !waitFor(30*time.Second, func() bool { return stopped(st.Pid("douyin-mq")) }) {
		t.Fatalf("the worker did not stop after a commit (marker %s)\n%s", freezeMarker, st.Log("douyin-mq"))
	}
	if w.flushedRows(t) == 0 {
		t.Fatal("the worker stopped without a commit of this test's likes")
	}
	requireExactReads(t, st, w, "worker frozen after its commit")

	st.Kill("douyin-mq")
	requireExactReads(t, st, w, "worker killed after its commit")
	w.likeRound(t, st, 1)
	requireExactReads(t, st, w, "more likes, worker still dead")
	w.likeRound(t, st, 2)
	requireExactReads(t, st, w, "yet more likes, worker still dead")

	st.Restart(t, "douyin-mq") // the marker exists: it runs on
	if !waitFor(40*time.Second, func() bool { return w.mysqlCountsMatch(t) }) {
		t.Fatal("MySQL does not hold exactly the acknowledged likes after the worker came back")
	}
	requireExactReads(t, st, w, "after the drain")
}
