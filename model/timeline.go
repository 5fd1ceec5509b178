package model

import (
	"context"
	"fmt"
	"strconv"

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
const (
	timelineKey      = "video:timeline"
	timelineFloorKey = "video:timeline:floor"
	timelineGuardKey = "video:timeline:loading"
	timelineCapacity = 10000
)

type timeline struct {
	rds      *redis.Redis
	conn     sqlc.CachedConn
	table    string
	capacity int
}

var (
	// KEYS timeline, floor, guard; ARGV id, ms, capacity. Adds a video to a built
	// timeline and trims it; stops any build under way, which may have missed it.
	timelineAddScript = redis.NewScript(`
redis.call('DEL', KEYS[3])
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if extra > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, extra - 1)
  local lowest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  redis.call('SET', KEYS[2], tonumber(lowest[2]) + 1)
end
return 1`)
	// KEYS timeline, floor, guard; ARGV token, floor, then score/id pairs.
	timelineBuildScript = redis.NewScript(`
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
for i = 3, #ARGV, 1000 do
  redis.call('ZADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('SET', KEYS[2], ARGV[2])
return 1`)
)

func (t timeline) add(ctx context.Context, id, ms int64) error {
	_, err := t.rds.ScriptRunCtx(ctx, timelineAddScript, []string{timelineKey, timelineFloorKey, timelineGuardKey},
		id, ms, t.capacity)
	return err
}

type timelineEntry struct {
	Id        int64 `db:"id"`
	CreatedAt int64 `db:"created_at"`
}

func (t timeline) before(ctx context.Context, ms int64, limit int) ([]int64, error) {
	var (
		entries func() ([]redis.Z, error)
		floor   func() (string, error)
	)
	if err := t.rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		entries = p.ZRevRangeByScoreWithScores(ctx, timelineKey, &red.ZRangeBy{
			Max: "(" + strconv.FormatInt(ms, 10), Min: "-inf", Count: int64(limit)}).Result
		floor = p.Get(ctx, timelineFloorKey).Result
		return nil
	}); err != nil && err != redis.Nil {
		return nil, err
	}
	floorText, err := floor()
	if err == redis.Nil {
		// Not built yet (or lost): build it, then read MySQL this once.
		if err := t.build(ctx); err != nil {
			return nil, err
		}
		return t.fromMySQL(ctx, ms, limit)
	}
	if err != nil {
		return nil, err
	}
	floorMs, _ := strconv.ParseInt(floorText, 10, 64)
	zs, err := entries()
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, limit)
	for _, z := range zs {
		id, _ := strconv.ParseInt(fmt.Sprint(z.Member), 10, 64)
		ids = append(ids, id)
	}
	if len(ids) < limit && floorMs > 0 {
		// The rest is older than the timeline holds.
		older := ms
		if floorMs < older {
			older = floorMs
		}
		rest, err := t.fromMySQL(ctx, older, limit-len(ids))
		if err != nil {
			return nil, err
		}
		ids = append(ids, rest...)
	}
	return ids, nil
}

func (t timeline) fromMySQL(ctx context.Context, ms int64, limit int) ([]int64, error) {
	var ids []int64
	query := fmt.Sprintf("select `id` from %s where `created_at` < ? order by `created_at` desc, `id` desc limit ?", t.table)
	err := t.conn.QueryRowsNoCacheCtx(ctx, &ids, query, ms, limit)
	return ids, err
}

// build loads the newest videos into the timeline; a publish meanwhile cancels it
// (the next read builds again), so it never stores a timeline missing a video.
func (t timeline) build(ctx context.Context) error {
	token := stringx.Randn(16)
	if err := t.rds.SetexCtx(ctx, timelineGuardKey, token, 30); err != nil {
		return err
	}
	var newest []timelineEntry
	query := fmt.Sprintf("select `id`, `created_at` from %s order by `created_at` desc, `id` desc limit ?", t.table)
	if err := t.conn.QueryRowsNoCacheCtx(ctx, &newest, query, t.capacity); err != nil {
		return err
	}
	floor := int64(0)
	if len(newest) == t.capacity {
		floor = newest[len(newest)-1].CreatedAt + 1
	}
	args := make([]any, 0, 2+2*len(newest))
	args = append(args, token, floor)
	for _, e := range newest {
		if e.CreatedAt >= floor {
			args = append(args, e.CreatedAt, e.Id)
		}
	}
	_, err := t.rds.ScriptRunCtx(ctx, timelineBuildScript, []string{timelineKey, timelineFloorKey, timelineGuardKey}, args...)
	return err
}
