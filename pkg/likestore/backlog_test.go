package likestore

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/redisx"
	"douyin/pkg/testenv"
)

// The backlog counts the users and changes that wait for their flush, those in
// a flush that has not committed yet included, and dates the oldest.
func TestBacklogCountsWhatWaitsForItsFlush(t *testing.T) {
	m := newTestStore(t)
	ctx := context.Background()
	before, err := m.Likes.Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	u1, u2 := nextLikeUser(), nextLikeUser()
	for _, c := range []Change{{UserID: u1, VideoID: 901, AuthorID: 9}, {UserID: u1, VideoID: 902, AuthorID: 9},
		{UserID: u2, VideoID: 901, AuthorID: 9}} {
		c.Liked = true
		if _, err := m.Likes.SetLiked(ctx, c, time.Millisecond, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(5 * time.Millisecond) // u1's changes are due
	if b, _, err := m.Likes.TakeBatch(ctx, u1); err != nil || b == nil {
		t.Fatalf("take the batch of u1: %v, %v", b, err)
	}
	u2Like := time.Now()
	if _, err := m.Likes.SetLiked(ctx, Change{UserID: u2, VideoID: 903, AuthorID: 9, Liked: true}, time.Minute, time.Minute); err != nil {
		t.Fatal(err)
	}

	after, err := m.Likes.Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Users-before.Users != 2 || after.Changes-before.Changes != 4 {
		t.Errorf("backlog grew by %d users and %d changes, want 2 and 4 (u1's being flushed included): before %+v, after %+v",
			after.Users-before.Users, after.Changes-before.Changes, before, after)
	}
	if after.Oldest.IsZero() || after.Oldest.After(u2Like) || (before.Oldest.IsZero() && after.Oldest.Before(start.Add(-time.Second))) {
		t.Errorf("oldest unflushed change at %v, want u1's first like (about %v)", after.Oldest, start)
	}

	// Past the sample size, the changes are estimated from a sample.
	defer func(n int) { backlogSample = n }(backlogSample)
	backlogSample = 1
	sampled, err := m.Likes.Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sampled.Users != after.Users || sampled.Changes <= 0 || sampled.Oldest.IsZero() {
		t.Errorf("sampled backlog %+v, want %d users, some changes and a date", sampled, after.Users)
	}
}

// What one scrape's backlog read costs at its bound: backlogSample users, each
// with 5 unflushed changes (BENCHMARKS.md: what the metrics cost).
func BenchmarkBacklogAtItsBound(b *testing.B) {
	rds := redisx.MustNewRedis(testenv.Get().RedisConf())
	s := New(rds, nil, nil)
	ctx := context.Background()
	now := strconv.FormatInt(time.Now().UnixMilli(), 10)
	var users []string
	for i := 0; i < backlogSample; i++ {
		u := nextLikeUser()
		users = append(users, strconv.FormatInt(u, 10))
		fields := []any{"_first", now, "_due", now}
		for v := 901; v <= 905; v++ {
			fields = append(fields, strconv.Itoa(v), "change")
		}
		if err := rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, changesKey(u), fields...)
			p.SAdd(ctx, dirtyKey, u)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() {
		for _, u := range users {
			_, _ = rds.Del(changesPrefix + u)
			_, _ = rds.Srem(dirtyKey, u)
		}
	})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Backlog(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
