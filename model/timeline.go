package model

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	red "github.com/redis/go-redis/v9"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlc"
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
	timelineKey         = "video:timeline"
	timelineGuardKey    = "video:timeline:loading"
	timelineFloorPrefix = "floor:"
	timelineCapacity    = 10000
	timelineBuildTTL    = 30 // seconds a build may take before another may start
)

type timeline struct {
	rds      *redis.Redis
	conn     sqlc.CachedConn
	table    string
	capacity int
}

var (
	// KEYS timeline, guard; ARGV id, ms, capacity. Adds a video to a built
	// timeline and trims it to capacity, raising the floor; stops any build under
	// way, which may have missed the video.
	timelineAddScript = redis.NewScript(`
redis.call('DEL', KEYS[2])
local floor = redis.call('ZRANGE', KEYS[1], 0, 0)
if #floor == 0 or string.sub(floor[1], 1, 6) ~= 'floor:' then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local extra = redis.call('ZCARD', KEYS[1]) - 1 - tonumber(ARGV[3])
if extra > 0 then
  local newestRemoved = redis.call('ZRANGE', KEYS[1], extra, extra, 'WITHSCORES')
  redis.call('ZREMRANGEBYRANK', KEYS[1], 1, extra)
  redis.call('ZREM', KEYS[1], floor[1])
  redis.call('ZADD', KEYS[1], -1, 'floor:' .. string.format('%.0f', tonumber(newestRemoved[2]) + 1))
end
return 1`)
	// KEYS timeline, guard; ARGV token, floor, then score/id pairs. Stores a
	// build unless a publish (or a newer build) came in meanwhile.
	timelineBuildScript = redis.NewScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[1], -1, 'floor:' .. ARGV[2])
for i = 3, #ARGV, 1000 do
  redis.call('ZADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return 1`)
)

func (t timeline) add(ctx context.Context, id, ms int64) error {
	_, err := t.rds.ScriptRunCtx(ctx, timelineAddScript, []string{timelineKey, timelineGuardKey}, id, ms, t.capacity)
	return err
}

type timelineEntry struct {
	Id        int64 `db:"id"`
	CreatedAt int64 `db:"created_at"`
}

// timelineRead reads the ids of at most limit videos published strictly before
// ms, newest first: within the page's round trip when the timeline covers them
// (Models.FeedPage). It also reads the newest video, which tells whether the page
// is the head of the feed.
type timelineRead struct {
	t                     timeline
	ms                    int64
	limit                 int
	entries, floor, first func() ([]redis.Z, error)
}

func (t timeline) read(ms int64, limit int) *timelineRead {
	return &timelineRead{t: t, ms: ms, limit: limit}
}

func (r *timelineRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	r.entries = p.ZRevRangeByScoreWithScores(ctx, timelineKey, &red.ZRangeBy{
		Max: "(" + strconv.FormatInt(r.ms, 10), Min: "0", Count: int64(r.limit)}).Result
	r.floor = p.ZRangeWithScores(ctx, timelineKey, 0, 0).Result
	r.first = p.ZRevRangeWithScores(ctx, timelineKey, 0, 0).Result
}

func (r *timelineRead) queueData(context.Context, redis.Pipeliner) {}

// isHead tells whether ids start with the newest video of the timeline.
func (r *timelineRead) isHead(ids []int64) bool {
	newest, err := r.first()
	return err == nil && len(newest) == 1 && len(ids) > 0 && fmt.Sprint(newest[0].Member) == strconv.FormatInt(ids[0], 10)
}

func (r *timelineRead) result(ctx context.Context) ([]int64, error) {
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
		return t.fromMySQL(ctx, ms, limit)
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
		rest, err := t.fromMySQL(ctx, min(ms, floorMs), limit-len(ids))
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

func (t timeline) fromMySQL(ctx context.Context, ms int64, limit int) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `id` from %s where `created_at` < ? order by `created_at` desc, `id` desc limit ?", t.table)
	err := t.conn.QueryRowsNoCacheCtx(ctx, &ids, query, ms, limit)
	return ids, err
}

// build loads the newest videos into the timeline. One reader builds at a time
// (the others read MySQL meanwhile), and a publish during the build cancels it
// (the next read builds again), so it never stores a timeline missing a video.
func (t timeline) build(ctx context.Context) error {
	token := stringx.Randn(16)
	if ok, err := t.rds.SetnxExCtx(ctx, timelineGuardKey, token, timelineBuildTTL); err != nil || !ok {
		return err
	}
	var newest []timelineEntry
	query := fmt.Sprintf("select `id`, `created_at` from %s order by `created_at` desc, `id` desc limit ?", t.table)
	if err := t.conn.QueryRowsNoCacheCtx(ctx, &newest, query, t.capacity+1); err != nil {
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
	_, err := t.rds.ScriptRunCtx(ctx, timelineBuildScript, []string{timelineKey, timelineGuardKey}, args...)
	return err
}
