package likestore

import "strconv"

// Every Redis key of the like store is built here.
//
// Until a batch is flushed its effect on the counters lives in three hashes,
// and every reader adds them to the MySQL columns:
//
//	like:pending:video_favorite_count  video id -> delta of video.favorite_count
//	like:pending:user_favorite_count   user id -> delta of user.favorite_count
//	like:pending:user_total_favorited  author id -> delta of user.total_favorited
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
//
// The three pending hashes are exported for what sets counts up by hand (tests);
// everything else goes through the store.
const (
	PendingVideoLikes  = "like:pending:video_favorite_count"
	PendingUserLikes   = "like:pending:user_favorite_count"
	PendingAuthorLikes = "like:pending:user_total_favorited"

	statePrefix    = "like:state:"
	changesPrefix  = "like:changes:"
	flushingPrefix = "like:flushing:"
	armedPrefix    = "like:armed:"
	batchPrefix    = "like:batch:"
	dirtyKey       = "like:dirty"
)

func userKey(prefix string, user int64) string { return prefix + strconv.FormatInt(user, 10) }

func stateKey(user int64) string    { return userKey(statePrefix, user) }
func stateGuard(user int64) string  { return stateKey(user) + ":loading" }
func changesKey(user int64) string  { return userKey(changesPrefix, user) }
func flushingKey(user int64) string { return userKey(flushingPrefix, user) }
func armedKey(user int64) string    { return userKey(armedPrefix, user) }
func batchKey(user int64) string    { return userKey(batchPrefix, user) }
