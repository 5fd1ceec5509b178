// Package rediscoll keeps collections of ids in Redis, loaded from MySQL on
// first use through an injected loader: per-owner id sets and id lists, and
// the feed timeline. Loads are guarded so that a slow load never puts back
// what a write has changed meanwhile.
package rediscoll

import (
	"context"
	"strconv"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stringx"
)

// LoadedMarker is the member (id 0, score 0 in sorted sets) that marks a loaded
// collection, so that an empty one does not send every read to MySQL.
const LoadedMarker = "0"

// loadGuardTTL bounds how long a load may take before another may start (seconds).
const loadGuardTTL = 10

// Loader reads an owner's ids from MySQL.
type Loader func(ctx context.Context, owner int64) ([]int64, error)

// perOwner is what every per-owner collection has: its keys prefix<owner>, the
// guard of each load (key + ":loading"), how long a load is kept, the loader.
type perOwner struct {
	rds    *redis.Redis
	prefix string
	ttl    time.Duration
	load   Loader
}

func newPerOwner(rds *redis.Redis, prefix string, ttl time.Duration, load Loader) perOwner {
	return perOwner{rds: rds, prefix: prefix, ttl: ttl, load: load}
}

// takeGuard starts a load of owner's collection: the token its fill must find.
func (c perOwner) takeGuard(ctx context.Context, owner int64) (string, error) {
	token := stringx.Randn(16)
	return token, c.rds.SetexCtx(ctx, c.guard(owner), token, loadGuardTTL)
}

func (c perOwner) key(owner int64) string   { return c.prefix + strconv.FormatInt(owner, 10) }
func (c perOwner) guard(owner int64) string { return c.key(owner) + ":loading" }

// Invalidate drops owners' collections and any load under way (deleting the
// guard makes it store nothing); call it after the MySQL commit that changed them.
func (c perOwner) Invalidate(ctx context.Context, owners ...int64) error {
	keys := make([]string, 0, 2*len(owners))
	for _, o := range owners {
		keys = append(keys, c.key(o), c.guard(o))
	}
	_, err := c.rds.DelCtx(ctx, keys...)
	return err
}

// IDSet keeps one Redis set of ids per owner (whom a user follows, say). The
// LoadedMarker member marks a loaded set.
//
// A load is guarded: it takes a token before reading MySQL and stores the set
// only if no writer invalidated the key meanwhile (Invalidate deletes the token),
// so a slow load can never put back a set that a write already changed.
type IDSet struct{ perOwner }

// NewIDSet returns the sets named prefix<owner>, kept for ttl after a load.
func NewIDSet(rds *redis.Redis, prefix string, ttl time.Duration, load Loader) *IDSet {
	return &IDSet{newPerOwner(rds, prefix, ttl, load)}
}

// IDList keeps one ordered list of ids per owner (the comments of a video,
// newest first) as a JSON array in Redis. Loads are guarded like IDSet's: a
// load that an invalidation overtook stores nothing.
type IDList struct{ perOwner }

// NewIDList returns the lists named prefix<owner>, kept for ttl after a load.
func NewIDList(rds *redis.Redis, prefix string, ttl time.Duration, load Loader) *IDList {
	return &IDList{newPerOwner(rds, prefix, ttl, load)}
}
