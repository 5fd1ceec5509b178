package mediastore

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// Two gateways share one media folder and one Redis: their sweepers never sweep
// at the same time, and an orphan is removed exactly once.
func TestOneSweeperAtATimeAcrossGateways(t *testing.T) {
	dir := t.TempDir()
	rds := testenv.Get().Redis()
	orphan := publishFiles(t, MustNew(dir))
	age(t, orphan.path, 2*time.Hour)

	var inFlight, maxInFlight atomic.Int32
	// The lookup takes a while, so two unlocked sweeps would overlap in it.
	slowLookup := func(ctx context.Context, keys []string, _, _ int64) ([]string, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := maxInFlight.Load(); n > m && !maxInFlight.CompareAndSwap(m, n); m = maxInFlight.Load() {
		}
		time.Sleep(300 * time.Millisecond)
		return nil, nil // no claim became a video
	}
	gateways := []*Sweeper{
		NewSweeper(MustNew(dir), slowLookup, rds, time.Hour),
		NewSweeper(MustNew(dir), slowLookup, rds, time.Hour),
	}
	var (
		wg             sync.WaitGroup
		ran, discarded atomic.Int32
	)
	start := make(chan struct{})
	for _, g := range gateways {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if r, d := g.Sweep(context.Background()); r {
				ran.Add(1)
				discarded.Add(int32(d))
			}
		}()
	}
	close(start)
	wg.Wait()
	if maxInFlight.Load() != 1 || ran.Load() != 1 {
		t.Fatalf("%d sweeps ran, at most %d at once: want exactly one", ran.Load(), maxInFlight.Load())
	}
	if discarded.Load() != 1 || exists(MustNew(dir), orphan.PlayKey) || fileExists(orphan.path) {
		t.Fatalf("the orphan was removed %d times (files left: %v)", discarded.Load(), exists(MustNew(dir), orphan.PlayKey))
	}

	// The lock is released after a sweep: the other gateway sweeps next time,
	// and finds nothing left to remove.
	if r, d := gateways[1].Sweep(context.Background()); !r || d != 0 {
		t.Fatalf("the next sweep: ran %v, removed %d", r, d)
	}
}

// Start sweeps at once and returns when Stop is called.
func TestSweeperIsAServiceThatStops(t *testing.T) {
	dir := t.TempDir()
	orphan := publishFiles(t, MustNew(dir))
	age(t, orphan.path, 2*time.Hour)
	swept := make(chan struct{}, 1)
	s := NewSweeper(MustNew(dir), func(context.Context, []string, int64, int64) ([]string, error) {
		swept <- struct{}{}
		return nil, nil
	}, testenv.Get().Redis(), time.Hour)
	done := make(chan struct{})
	go func() { s.Start(); close(done) }()
	select {
	case <-swept:
	case <-time.After(10 * time.Second):
		t.Fatal("Start did not sweep")
	}
	s.Stop()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Start did not return after Stop")
	}
}
