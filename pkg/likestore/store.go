// Package likestore is the Redis side of likes: each user's like state, the
// changes MySQL does not have yet, the like counts as the app sees them,
// and the snapshots a flush takes and clears. MySQL is reached only through the
// injected StateLoader and CountLoader (reads) and by the flush worker (writes, model.LikeFlush).
package likestore

import (
	"context"
	_ "embed"
	"errors"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

const (
	defaultStateTTL = 24 * time.Hour
	armGrace        = time.Minute
	fillAttempts    = 3
	stateGuardTTL   = 10 // seconds a state load may take
)

// Liked is one video a user likes and when (epoch ms), as the shard has it.
type Liked struct {
	VideoId   int64 `db:"video_id"`
	UpdatedAt int64 `db:"updated_at"`
}

// StateLoader reads the likes of a user that MySQL has (the user's shard).
type StateLoader interface {
	LikedVideos(ctx context.Context, userID int64) ([]Liked, error)
}

// Counts are the like counters of one like as MySQL has them: the video's
// favorite_count, the user's favorite_count and the author's total_favorited.
type Counts struct {
	Video, User, Author int64
}

// CountLoader reads Counts from MySQL itself, never from a cached row (a row
// cached before a flush would be behind).
type CountLoader interface {
	LikeCounts(ctx context.Context, videoID, userID, authorID int64) (Counts, error)
}

// Store is the like store on the data Redis (AOF-backed: it holds likes that
// MySQL does not have yet).
type Store struct {
	rds      *redis.Redis
	loader   StateLoader
	counts   CountLoader
	stateTTL time.Duration
}

// New returns the store; cold like states load through loader, the first
// counts of a video or user through counts.
func New(rds *redis.Redis, loader StateLoader, counts CountLoader) *Store {
	return &Store{rds: rds, loader: loader, counts: counts, stateTTL: defaultStateTTL}
}

var errStateCold = errors.New("like state not loaded")

// coldErr reports a script that kept finding the state cold (loads kept
// losing races: rare, the caller may retry).
func coldErr(err error) error {
	if err == redis.Nil {
		return errStateCold
	}
	return err
}

// The change codec is prepended to the scripts that read or write changes.
//
//go:embed lua/change.lua
var changeCodec string

var scriptSources []string

// script remembers the source of a script for LoadScripts.
func script(src string) *redis.Script {
	scriptSources = append(scriptSources, src)
	return redis.NewScript(src)
}

// changeScript is a script that reads or writes changes.
func changeScript(src string) *redis.Script { return script(changeCodec + "\n" + src) }

// LoadScripts loads the like scripts into Redis, so that the first calls after a
// start do not fail with NOSCRIPT (and retry): go-zero's Redis breaker counts
// those failures. Call it once at start-up; the scripts also work without it.
func (s *Store) LoadScripts(ctx context.Context) error {
	for _, src := range scriptSources {
		if _, err := s.rds.ScriptLoadCtx(ctx, src); err != nil {
			return err
		}
	}
	return nil
}
