package rediscoll

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	red "github.com/redis/go-redis/v9"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stringx"
)

// The timeline keeps the ids of the newest videos in a Redis sorted set scored by
// publish time, so a warm feed page never reaches MySQL. Its floor says how far
// back it is complete: it holds every video published at or after the floor
// (0 = every video). Older pages read MySQL through idx_created_at, a range scan
// whose cost does not grow with the table.
//
// The floor is a member of the set itself ("floor:<ms>", score -1, below every
// video), not a key of its own: if Redis evicts or loses the set, the floor goes
// with it and the next read rebuilds, instead of trusting an empty timeline.
const (
	timelineFloorPrefix = "floor:"
	timelineBuildTTL    = 30 // seconds a build may take before another may start
)

// TimelineEntry is one video of a timeline build.
type TimelineEntry struct {
	Id        int64 `db:"id"`
	CreatedAt int64 `db:"created_at"`
}

// TimelineSource reads the videos table in publish order (idx_created_at).
type TimelineSource interface {
	// Newest answers the newest limit videos, newest first.
	Newest(ctx context.Context, limit int) ([]TimelineEntry, error)
	// Before answers the ids of at most limit videos published strictly before
	// ms, newest first.
	Before(ctx context.Context, ms int64, limit int) ([]int64, error)
}

// Timeline is the sorted set key (its build guard is key + ":loading") holding
// at most capacity videos of source.
type Timeline struct {
	rds      *redis.Redis
	key      string
	guardKey string
	source   TimelineSource
	capacity int
}

// NewTimeline returns the timeline named key over source.
func NewTimeline(rds *redis.Redis, key string, capacity int, source TimelineSource) *Timeline {
	return &Timeline{rds: rds, key: key, guardKey: key + ":loading", source: source, capacity: capacity}
}

// Add puts a published video at the head of a built timeline. On an error the
// caller must Drop the timeline: one without the video would hide it.
func (t *Timeline) Add(ctx context.Context, id, ms int64) error {
	_, err := t.rds.ScriptRunCtx(ctx, timelineAddScript, []string{t.key, t.guardKey}, id, ms, t.capacity)
	return err
}

// Drop deletes the timeline; the next read rebuilds it.
func (t *Timeline) Drop(ctx context.Context) error {
	_, err := t.rds.DelCtx(ctx, t.key)
	return err
}

// TimelineRead reads the ids of at most limit videos published strictly before
// ms, newest first: within the page's round trip when the timeline covers them
// (the feed page). It also reads the newest video, which tells whether the page
// is the head of the feed.
type TimelineRead struct {
	t                     *Timeline
	ms                    int64
	limit                 int
	entries, floor, first func() ([]redis.Z, error)
}

// Read starts a read of the page before ms; Queue it on a pipeline of the
// timeline's node, then ask Result.
func (t *Timeline) Read(ms int64, limit int) *TimelineRead {
	return &TimelineRead{t: t, ms: ms, limit: limit}
}

// Queue adds the read's commands to p.
func (r *TimelineRead) Queue(ctx context.Context, p redis.Pipeliner) {
	r.entries = p.ZRevRangeByScoreWithScores(ctx, r.t.key, &red.ZRangeBy{
		Max: "(" + strconv.FormatInt(r.ms, 10), Min: "0", Count: int64(r.limit)}).Result
	r.floor = p.ZRangeWithScores(ctx, r.t.key, 0, 0).Result
	r.first = p.ZRevRangeWithScores(ctx, r.t.key, 0, 0).Result
}

// IsHead tells whether ids start with the newest video of the timeline.
func (r *TimelineRead) IsHead(ids []int64) bool {
	newest, err := r.first()
	return err == nil && len(newest) == 1 && len(ids) > 0 && fmt.Sprint(newest[0].Member) == strconv.FormatInt(ids[0], 10)
}

// Result answers the ids of the page, from MySQL for what the timeline does not
// hold (and this once when it is not built, which it then builds).
func (r *TimelineRead) Result(ctx context.Context) ([]int64, error) {
	t, ms, limit := r.t, r.ms, r.limit
	lowest, err := r.floor()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	floorMs, built := parseFloor(lowest)
	if !built {
		// Not built yet (or lost): build it, and read MySQL this once.
		if err := t.build(ctx); err != nil {
			return nil, err
		}
		return t.source.Before(ctx, ms, limit)
	}
	zs, err := r.entries()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	ids := make([]int64, 0, limit)
	for _, z := range zs {
		if int64(z.Score) < floorMs {
			break // below the floor the set is not complete: MySQL answers
		}
		id, _ := strconv.ParseInt(fmt.Sprint(z.Member), 10, 64)
		ids = append(ids, id)
	}
	if len(ids) < limit && floorMs > 0 {
		// The rest is older than the timeline holds.
		rest, err := t.source.Before(ctx, min(ms, floorMs), limit-len(ids))
		if err != nil {
			return nil, err
		}
		ids = append(ids, rest...)
	}
	return ids, nil
}

// parseFloor reads the floor member, the lowest of the set; false when the
// timeline is not built.
func parseFloor(lowest []redis.Z) (int64, bool) {
	if len(lowest) == 0 {
		return 0, false
	}
	member := fmt.Sprint(lowest[0].Member)
	if !strings.HasPrefix(member, timelineFloorPrefix) {
		return 0, false
	}
	floor, err := strconv.ParseInt(strings.TrimPrefix(member, timelineFloorPrefix), 10, 64)
	return floor, err == nil
}

// build loads the newest videos into the timeline. One reader builds at a time
// (the others read MySQL meanwhile), and a publish during the build cancels it
// (the next read builds again), so it never stores a timeline missing a video.
func (t *Timeline) build(ctx context.Context) error {
	token := stringx.Randn(16)
	if ok, err := t.rds.SetnxExCtx(ctx, t.guardKey, token, timelineBuildTTL); err != nil || !ok {
		return err
	}
	newest, err := t.source.Newest(ctx, t.capacity+1)
	if err != nil {
		return err
	}
	floor := int64(0)
	if len(newest) > t.capacity {
		// The newest video left out sets the floor; those sharing its millisecond
		// are left to MySQL too.
		floor = newest[t.capacity].CreatedAt + 1
		newest = newest[:t.capacity]
	}
	args := make([]any, 0, 2+2*len(newest))
	args = append(args, token, floor)
	for _, e := range newest {
		if e.CreatedAt >= floor {
			args = append(args, e.CreatedAt, e.Id)
		}
	}
	_, err = t.rds.ScriptRunCtx(ctx, timelineBuildScript, []string{t.key, t.guardKey}, args...)
	return err
}
