package likestore

import (
	"context"
	_ "embed"
	"strconv"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stringx"

	"douyin/pkg/ids"
	"douyin/pkg/rediscoll"
)

// LikedAmong tells which of videoIDs user likes (is_favorite). One round trip
// when the user's state is in Redis; a cold state is loaded from the user's shard.
func (s *Store) LikedAmong(ctx context.Context, userID int64, videoIDs []int64) (map[int64]bool, error) {
	read := s.LikedRead(userID, videoIDs)
	if read.empty() {
		return map[int64]bool{}, nil
	}
	for attempt := 0; ; attempt++ {
		if err := s.rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			read.Queue(ctx, p)
			return nil
		}); err != nil && err != redis.Nil {
			return nil, err
		}
		if liked, loaded := read.answer(); loaded {
			return liked, nil
		}
		if attempt == fillAttempts {
			return nil, errStateCold // loads kept losing races: rare, let the caller retry
		}
		if err := s.loadState(ctx, userID); err != nil {
			return nil, err
		}
	}
}

// LikedRead is LikedAmong split at its round trip, for a page that pipelines
// it: a warm state answers within the page's round trip, a cold one is loaded
// afterwards. One ZMSCORE asks for the loaded marker too: no script, one instant.
type LikedRead struct {
	s      *Store
	user   int64
	ids    []int64
	scores func() (any, error)
}

// LikedRead starts a LikedAmong of user over ids; Queue it on a pipeline of the
// data Redis, then ask Result.
func (s *Store) LikedRead(user int64, ids []int64) *LikedRead {
	return &LikedRead{s: s, user: user, ids: ids}
}

func (r *LikedRead) empty() bool { return r.user <= 0 || len(r.ids) == 0 }

// Queue adds the read's command to p.
func (r *LikedRead) Queue(ctx context.Context, p redis.Pipeliner) {
	if r.empty() {
		return
	}
	args := make([]any, 0, len(r.ids)+3)
	args = append(args, "ZMSCORE", stateKey(r.user), rediscoll.LoadedMarker)
	args = append(args, ids.Args(r.ids)...)
	r.scores = p.Do(ctx, args...).Result
}

// answer reads the reply: the liked videos, and false when the state is cold.
func (r *LikedRead) answer() (map[int64]bool, bool) {
	reply, err := r.scores()
	scores, _ := reply.([]any)
	if err != nil || len(scores) != len(r.ids)+1 || scores[0] == nil {
		return nil, false
	}
	liked := make(map[int64]bool, len(r.ids))
	for i, score := range scores[1:] {
		if score != nil {
			liked[r.ids[i]] = true
		}
	}
	return liked, true
}

// Result answers the liked videos among the ids.
func (r *LikedRead) Result(ctx context.Context) (map[int64]bool, error) {
	if r.empty() {
		return map[int64]bool{}, nil
	}
	if liked, loaded := r.answer(); loaded {
		return liked, nil
	}
	return r.s.LikedAmong(ctx, r.user, r.ids) // cold state: load it
}

//go:embed lua/liked_list.lua
var likedListSrc string

var likedListScript = script(likedListSrc)

// LikedVideos lists the videos user likes, most recently liked first.
func (s *Store) LikedVideos(ctx context.Context, userID int64) ([]int64, error) {
	if userID <= 0 {
		return nil, nil
	}
	for attempt := 0; ; attempt++ {
		res, err := s.rds.ScriptRunCtx(ctx, likedListScript, []string{stateKey(userID)})
		if err == nil {
			members, _ := res.([]any)
			list := make([]int64, 0, len(members))
			for _, m := range members {
				if str, ok := m.(string); ok {
					if id, err := strconv.ParseInt(str, 10, 64); err == nil && id > 0 {
						list = append(list, id)
					}
				}
			}
			return list, nil
		}
		if err != redis.Nil || attempt == fillAttempts {
			return nil, coldErr(err)
		}
		if err := s.loadState(ctx, userID); err != nil {
			return nil, err
		}
	}
}

//go:embed lua/fill.lua
var fillSrc string

var fillScript = changeScript(fillSrc)

// loadState loads user's like state from the user's shard (a guarded fill, as
// rediscoll's). A user without likes gets just the loaded marker.
func (s *Store) loadState(ctx context.Context, userID int64) error {
	token := stringx.Randn(16)
	if err := s.rds.SetexCtx(ctx, stateGuard(userID), token, stateGuardTTL); err != nil {
		return err
	}
	liked, err := s.loader.LikedVideos(ctx, userID)
	if err != nil {
		return err
	}
	args := make([]any, 0, 3+2*len(liked))
	args = append(args, token, int(s.stateTTL/time.Second), rediscoll.LoadedMarker)
	for _, l := range liked {
		args = append(args, l.UpdatedAt, l.VideoId)
	}
	keys := []string{stateKey(userID), stateGuard(userID), flushingKey(userID), changesKey(userID)}
	_, err = s.rds.ScriptRunCtx(ctx, fillScript, keys, args...)
	return err
}

// CountRead reads like counts within a caller's pipeline (the counts of a
// page): Queue it, then ask Result.
type CountRead struct {
	ids  []int64
	vals func() ([]any, error)
}

func queueCounts(ctx context.Context, p redis.Pipeliner, key string, list []int64) *CountRead {
	c := &CountRead{ids: list}
	if len(list) > 0 {
		c.vals = p.HMGet(ctx, key, ids.Strings(list)...).Result
	}
	return c
}

// QueueVideoCounts queues the favorite_count of videos ids.
func (s *Store) QueueVideoCounts(ctx context.Context, p redis.Pipeliner, ids []int64) *CountRead {
	return queueCounts(ctx, p, VideoLikeCounts, ids)
}

// QueueUserCounts queues the favorite_count (likes given) and total_favorited
// (likes received) of users ids.
func (s *Store) QueueUserCounts(ctx context.Context, p redis.Pipeliner, ids []int64) (given, received *CountRead) {
	return queueCounts(ctx, p, UserLikeCounts, ids), queueCounts(ctx, p, AuthorLikeCounts, ids)
}

// Result answers the counts that exist, by id; for the others the row's own
// column is exact (see keys.go).
func (c *CountRead) Result() (map[int64]int64, error) {
	out := make(map[int64]int64, len(c.ids))
	if len(c.ids) == 0 {
		return out, nil
	}
	vals, err := c.vals()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	for i, v := range vals {
		if s, ok := v.(string); ok {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				out[c.ids[i]] = n
			}
		}
	}
	return out, nil
}
