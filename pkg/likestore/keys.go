package likestore

import (
	"strconv"

	"douyin/pkg/ratelimit"
)

// Every Redis key of the like store is built here.
//
// The like counters as the app sees them live in three hashes, changed by the
// like script itself; the MySQL columns are their durable copy, which the flush
// catches up. Readers take a field when it is there and the row's column
// otherwise, and never add anything to a MySQL counter, so a flush that
// committed but did not clean up (a worker killed in between) is never counted
// twice, and a flush has no cached row to invalidate:
//
//	like:count:video           video id -> video.favorite_count
//	like:count:user_favorite   user id -> user.favorite_count (likes given)
//	like:count:user_favorited  author id -> user.total_favorited (likes received)
//
// A field is created from MySQL (not from a cached row) by the first like that
// needs it and never removed: while it is absent no flush has changed its
// column since the field could have existed, so every copy of the row is exact.
// One field per video and per user that was ever liked or liking: a few tens of
// bytes each.
//
// Per user (the scripts in lua/ say how they change together):
//
//	like:state:<u>     zset video -> like time (ms) of every video u likes, plus
//	                   rediscoll.LoadedMarker (score 0) marking a loaded state; loaded
//	                   from u's shard on first use, kept without expiry while u has
//	                   unflushed changes
//	like:state:<u>:loading  guard of a load
//	like:changes:<u>   hash video -> change (lua/change.lua encodes it) of changes
//	                   MySQL lacks, plus _first (ms of the oldest change) and _due
//	                   (ms the flush is due)
//	like:flushing:<u>  the changes being flushed: a renamed like:changes:<u> plus
//	                   _batch (unique id, recorded in favorite_flush by the flush)
//	like:armed:<u>     set while a flush task of u is scheduled
//	like:batch:<u>     the last batch id of u (batch ids only grow)
//	like:dirty         set of users with unflushed changes (the sweeper's list)
//	ratelimit:like:<u> likes and unlikes u sent in the current budget period
//	                   (go-zero's PeriodLimit counter, made by the like script)
//
// The three count hashes are exported for what sets counts up by hand (tests);
// everything else goes through the store.
const (
	VideoLikeCounts  = "like:count:video"
	UserLikeCounts   = "like:count:user_favorite"
	AuthorLikeCounts = "like:count:user_favorited"

	statePrefix    = "like:state:"
	changesPrefix  = "like:changes:"
	flushingPrefix = "like:flushing:"
	armedPrefix    = "like:armed:"
	batchPrefix    = "like:batch:"
	dirtyKey       = "like:dirty"
	budgetPrefix   = ratelimit.KeyPrefix + "like:"
)

func userKey(prefix string, user int64) string { return prefix + strconv.FormatInt(user, 10) }

func stateKey(user int64) string    { return userKey(statePrefix, user) }
func stateGuard(user int64) string  { return stateKey(user) + ":loading" }
func changesKey(user int64) string  { return userKey(changesPrefix, user) }
func flushingKey(user int64) string { return userKey(flushingPrefix, user) }
func armedKey(user int64) string    { return userKey(armedPrefix, user) }
func batchKey(user int64) string    { return userKey(batchPrefix, user) }
