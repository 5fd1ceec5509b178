package mediastore

import (
	"context"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"
)

const (
	// StaleUploadAge is when an unfinished publish is given up: far beyond the
	// publish route's timeout.
	StaleUploadAge = time.Hour
	sweepEvery     = 10 * time.Minute
	// sweepLockKey is shared by every gateway on the same media folder (and
	// Redis): one of them sweeps at a time, so an orphan is removed once.
	sweepLockKey = "douyin:media:sweep"
	// A sweep stops before its lock expires, so a slow sweep never overlaps
	// the next holder's; a gateway that dies holding it blocks sweeps this long.
	sweepLockTTL = 5 * time.Minute
	sweepBudget  = sweepLockTTL - 30*time.Second
)

// Sweeper is a service (Start/Stop, for a go-zero ServiceGroup) that sweeps
// the store now and every sweepEvery, one gateway at a time.
type Sweeper struct {
	store     *Store
	published PublishedKeysFunc
	lock      *redis.RedisLock
	age       time.Duration
	ctx       context.Context // cancelled by Stop, which also ends a sweep under way
	stop      context.CancelFunc
}

// NewSweeper sweeps store, asking published which claims became videos and
// taking the lock in rds before each sweep.
func NewSweeper(store *Store, published PublishedKeysFunc, rds *redis.Redis, age time.Duration) *Sweeper {
	lock := redis.NewRedisLock(rds, sweepLockKey)
	lock.SetExpire(int(sweepLockTTL / time.Second))
	ctx, stop := context.WithCancel(context.Background())
	return &Sweeper{store: store, published: published, lock: lock, age: age, ctx: ctx, stop: stop}
}

// Start sweeps now and every sweepEvery until Stop.
func (s *Sweeper) Start() {
	ticker := time.NewTicker(sweepEvery)
	defer ticker.Stop()
	for {
		s.Sweep(s.ctx)
		select {
		case <-s.ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// Stop ends Start; a sweep under way stops before its next lookup.
func (s *Sweeper) Stop() { s.stop() }

// Sweep runs one sweep if no other gateway is sweeping; it answers whether it
// ran and how many unfinished publishes it removed.
func (s *Sweeper) Sweep(ctx context.Context) (ran bool, discarded int) {
	ok, err := s.lock.AcquireCtx(ctx)
	if err != nil || !ok {
		return false, 0 // another gateway sweeps, or Redis is away: the next turn tries again
	}
	defer func() {
		if _, err := s.lock.ReleaseCtx(context.Background()); err != nil {
			logx.Errorf("release the media sweep lock: %v", err)
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, sweepBudget)
	defer cancel()
	return true, s.store.Sweep(ctx, s.published, s.age)
}
