package model

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stringx"
)

// Likes are written to Redis first and reach MySQL in batches (see mq/). Until a
// batch is flushed its effect on the counters lives in these hashes, and every
// reader adds them to the MySQL columns.
const (
	likePendingVideoFavorites = "like:pending:video_favorite_count" // video id -> delta of favorite_count
	likePendingUserFavorites  = "like:pending:user_favorite_count"  // user id -> delta of favorite_count
	likePendingUserFavorited  = "like:pending:user_total_favorited" // author id -> delta of total_favorited
)

// Per user (see the scripts below for how they change together):
//
//	like:state:<u>     zset video -> like time (ms) of every video u likes, plus member
//	                   "0" (score 0) marking a loaded state; loaded from u's shard on
//	                   first use, kept without expiry while u has unflushed changes
//	like:state:<u>:loading  guard of a load (see idSetCache)
//	like:changes:<u>   hash video -> "<was><now>:<ms>:<author>" of changes MySQL lacks
//	                   (<was> = the state MySQL has, <now> = the new one), plus
//	                   _first (ms of the oldest change) and _due (ms the flush is due)
//	like:flushing:<u>  the changes being flushed: a renamed like:changes:<u> plus
//	                   _batch (unique id, recorded in favorite_flush by the flush)
//	like:armed:<u>     set while a flush task of u is scheduled
//	like:dirty         set of users with unflushed changes (the sweeper's list)
//	like:batch:<u>     the last batch id of u (batch ids only grow)
const (
	likeLoadedMarker   = "0" // the member of a loaded like:state:<u>, score 0
	likeStatePrefix    = "like:state:"
	likeChangesPrefix  = "like:changes:"
	likeFlushingPrefix = "like:flushing:"
	likeArmedPrefix    = "like:armed:"
	likeDirty          = "like:dirty"
	likeBatchPrefix    = "like:batch:"
)

const (
	// DefaultLikeShards is the number of like shard tables unless configured
	// (LikeShards; deploy/scripts/schema.sh: LIKE_SHARDS).
	DefaultLikeShards     = 4
	defaultLikeStateTTL   = 24 * time.Hour
	likeArmGrace          = time.Minute
	likeFillAttempts      = 3
	likeStateLoadGuardTTL = 10 // seconds
)

// LikeStore is the Redis side of likes: state, pending counter deltas, flushes.
type LikeStore struct {
	rds      *redis.Redis
	shards   *FavoriteShards
	stateTTL time.Duration
}

// NewLikeStore returns the like store on the data Redis (AOF-backed: it holds
// likes that MySQL does not have yet); cold like states load from shards.
func NewLikeStore(rds *redis.Redis, shards *FavoriteShards) *LikeStore {
	return &LikeStore{rds: rds, shards: shards, stateTTL: defaultLikeStateTTL}
}

func likeStateKey(user int64) string    { return likeStatePrefix + strconv.FormatInt(user, 10) }
func likeStateGuard(user int64) string  { return likeStateKey(user) + ":loading" }
func likeChangesKey(user int64) string  { return likeChangesPrefix + strconv.FormatInt(user, 10) }
func likeFlushingKey(user int64) string { return likeFlushingPrefix + strconv.FormatInt(user, 10) }
func likeArmedKey(user int64) string    { return likeArmedPrefix + strconv.FormatInt(user, 10) }

var errLikeStateCold = errors.New("like state not loaded")

// LikedAmong tells which of videoIDs user likes (is_favorite). One round trip
// when the user's state is in Redis; a cold state is loaded from the user's shard.
func (s *LikeStore) LikedAmong(ctx context.Context, userID int64, videoIDs []int64) (map[int64]bool, error) {
	read := s.likedRead(userID, videoIDs)
	if read.empty() {
		return map[int64]bool{}, nil
	}
	for attempt := 0; ; attempt++ {
		if err := s.rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			read.queueData(ctx, p)
			return nil
		}); err != nil && err != redis.Nil {
			return nil, err
		}
		if liked, loaded := read.answer(); loaded {
			return liked, nil
		}
		if attempt == likeFillAttempts {
			return nil, errLikeStateCold // loads kept losing races: rare, let the caller retry
		}
		if err := s.loadState(ctx, userID); err != nil {
			return nil, err
		}
	}
}

// likedRead is the pageRead of LikedAmong: a warm state answers within the
// page's round trip, a cold one is loaded afterwards. One ZMSCORE asks for the
// loaded marker (member "0") too: no script, one instant.
type likedRead struct {
	s      *LikeStore
	user   int64
	ids    []int64
	scores func() (any, error)
}

func (s *LikeStore) likedRead(user int64, ids []int64) *likedRead {
	return &likedRead{s: s, user: user, ids: ids}
}

func (r *likedRead) empty() bool { return r.user <= 0 || len(r.ids) == 0 }

func (r *likedRead) queueCache(context.Context, redis.Pipeliner) {}

func (r *likedRead) queueData(ctx context.Context, p redis.Pipeliner) {
	if r.empty() {
		return
	}
	args := make([]any, 0, len(r.ids)+3)
	args = append(args, "ZMSCORE", likeStateKey(r.user), likeLoadedMarker)
	for _, id := range r.ids {
		args = append(args, id)
	}
	r.scores = p.Do(ctx, args...).Result
}

// answer reads the reply: the liked videos, and false when the state is cold.
func (r *likedRead) answer() (map[int64]bool, bool) {
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

func (r *likedRead) result(ctx context.Context) (map[int64]bool, error) {
	if r.empty() {
		return map[int64]bool{}, nil
	}
	if liked, loaded := r.answer(); loaded {
		return liked, nil
	}
	return r.s.LikedAmong(ctx, r.user, r.ids) // cold state: load it
}

// KEYS[1] state. Answers false when the state is not loaded.
var likedListScript = likeScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', '(0')`)

// LikedVideos lists the videos user likes, most recently liked first.
func (s *LikeStore) LikedVideos(ctx context.Context, userID int64) ([]int64, error) {
	if userID <= 0 {
		return nil, nil
	}
	for attempt := 0; ; attempt++ {
		res, err := s.rds.ScriptRunCtx(ctx, likedListScript, []string{likeStateKey(userID)})
		if err == nil {
			members, _ := res.([]any)
			ids := make([]int64, 0, len(members))
			for _, m := range members {
				if str, ok := m.(string); ok {
					if id, err := strconv.ParseInt(str, 10, 64); err == nil && id > 0 {
						ids = append(ids, id)
					}
				}
			}
			return ids, nil
		}
		if err != redis.Nil || attempt == likeFillAttempts {
			return nil, likeErr(err)
		}
		if err := s.loadState(ctx, userID); err != nil {
			return nil, err
		}
	}
}

func likeErr(err error) error {
	if err == redis.Nil {
		return errLikeStateCold // loads kept losing races: rare, let the caller retry
	}
	return err
}

// KEYS[1] state, KEYS[2] guard, KEYS[3] flushing, KEYS[4] changes;
// ARGV[1] token, ARGV[2] ttl seconds, ARGV[3..] score, video pairs from MySQL.
// The state is stored only if no flush finished since the guard was taken (the
// flush deletes the guard), and changes MySQL does not have yet are laid on top.
var likeFillScript = likeScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[1], 0, '0')
for i = 3, #ARGV, 1000 do
  redis.call('ZADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
local unflushed = false
for _, k in ipairs({KEYS[3], KEYS[4]}) do
  local h = redis.call('HGETALL', k)
  for i = 1, #h, 2 do
    if string.sub(h[i], 1, 1) ~= '_' then
      unflushed = true
      local v = h[i + 1]
      if string.sub(v, 2, 2) == '1' then
        redis.call('ZADD', KEYS[1], string.match(v, '^..:(%d+)'), h[i])
      else
        redis.call('ZREM', KEYS[1], h[i])
      end
    end
  end
end
if not unflushed then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1`)

// loadState loads user's like state from the user's shard (a guarded fill: see
// idSetCache). A user without likes gets just the loaded marker.
func (s *LikeStore) loadState(ctx context.Context, userID int64) error {
	token := stringx.Randn(16)
	if err := s.rds.SetexCtx(ctx, likeStateGuard(userID), token, likeStateLoadGuardTTL); err != nil {
		return err
	}
	liked, err := s.shards.LikedVideos(ctx, userID)
	if err != nil {
		return err
	}
	args := make([]any, 0, 2+2*len(liked))
	args = append(args, token, int(s.stateTTL/time.Second))
	for _, l := range liked {
		args = append(args, l.UpdatedAt, l.VideoId)
	}
	keys := []string{likeStateKey(userID), likeStateGuard(userID), likeFlushingKey(userID), likeChangesKey(userID)}
	_, err = s.rds.ScriptRunCtx(ctx, likeFillScript, keys, args...)
	return err
}

// UserCountDeltas are the pending changes of favorite_count and total_favorited of ids.
func (s *LikeStore) UserCountDeltas(ctx context.Context, ids []int64) (favorite, favorited map[int64]int64, err error) {
	fields := idFields(ids)
	if len(fields) == 0 {
		return map[int64]int64{}, map[int64]int64{}, nil
	}
	res, err := s.rds.ScriptRunCtx(ctx, userDeltasScript,
		[]string{likePendingUserFavorites, likePendingUserFavorited}, fields...)
	if err != nil {
		return nil, nil, err
	}
	pair, _ := res.([]any)
	if len(pair) != 2 {
		return nil, nil, fmt.Errorf("user deltas: unexpected reply %v", res)
	}
	fav, _ := pair[0].([]any)
	favd, _ := pair[1].([]any)
	return deltasOf(ids, fav), deltasOf(ids, favd), nil
}

var hmgetScript = likeScript(`return redis.call('HMGET', KEYS[1], unpack(ARGV))`)

// One round trip for both hashes.
var userDeltasScript = likeScript(`
return {redis.call('HMGET', KEYS[1], unpack(ARGV)), redis.call('HMGET', KEYS[2], unpack(ARGV))}`)

// VideoCountDeltas are the pending changes of favorite_count of videos ids.
func (s *LikeStore) VideoCountDeltas(ctx context.Context, ids []int64) (map[int64]int64, error) {
	if len(ids) == 0 {
		return map[int64]int64{}, nil
	}
	res, err := s.rds.ScriptRunCtx(ctx, hmgetScript, []string{likePendingVideoFavorites}, idFields(ids)...)
	if err != nil {
		return nil, err
	}
	vals, _ := res.([]any)
	return deltasOf(ids, vals), nil
}

func idFields(ids []int64) []any {
	fields := make([]any, len(ids))
	for i, id := range ids {
		fields[i] = strconv.FormatInt(id, 10)
	}
	return fields
}

func deltasOf(ids []int64, vals []any) map[int64]int64 {
	out := make(map[int64]int64, len(ids))
	for i, v := range vals {
		if s, ok := v.(string); ok {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil && n != 0 {
				out[ids[i]] += n
			}
		}
	}
	return out
}

// LikeChange is one like (Liked) or unlike of a video by a user.
type LikeChange struct {
	UserID, VideoID, AuthorID int64
	Liked                     bool
}

// LikeOutcome says what SetLiked did and whether the caller must arm the
// user's flush task (ProcessAt Due).
type LikeOutcome struct {
	Changed bool // false: the user already (un)liked the video
	Arm     bool
	Due     time.Time
}

// KEYS: 1 state, 2 changes, 3 video favorite deltas, 4 user favorite deltas,
// 5 author favorited deltas, 6 armed, 7 dirty.
// ARGV: 1 video, 2 author, 3 user, 4 liked (1/0), 5 delay ms, 6 max delay ms,
// 7 armed marker ttl ms. Answers false when the state is not loaded, else
// {changed, arm, due ms}.
var setLikedScript = likeScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local was = redis.call('ZSCORE', KEYS[1], ARGV[1]) and 1 or 0
local want = tonumber(ARGV[4])
if was == want then return {0, 0, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if want == 1 then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('PERSIST', KEYS[1])
local prev = redis.call('HGET', KEYS[2], ARGV[1])
local orig = prev and string.sub(prev, 1, 1) or tostring(was)
redis.call('HSET', KEYS[2], ARGV[1], orig .. want .. ':' .. now .. ':' .. ARGV[2])
local d = want == 1 and 1 or -1
for i, f in ipairs({ARGV[1], ARGV[3], ARGV[2]}) do
  if redis.call('HINCRBY', KEYS[2 + i], f, d) == 0 then redis.call('HDEL', KEYS[2 + i], f) end
end
local first = tonumber(redis.call('HGET', KEYS[2], '_first') or '0')
if first == 0 then
  first = now
  redis.call('HSET', KEYS[2], '_first', now)
  redis.call('SADD', KEYS[7], ARGV[3])
end
local due = math.min(now + tonumber(ARGV[5]), first + tonumber(ARGV[6]))
redis.call('HSET', KEYS[2], '_due', due)
local arm = redis.call('SET', KEYS[6], due, 'NX', 'PX', ARGV[7]) and 1 or 0
return {1, arm, due}`)

// SetLiked records a like or unlike in ONE Redis step (a script): the user's
// state, the change for the flush, the three pending counts, and the flush
// deadline: due = min(now + delay, oldest unflushed change + maxDelay). When no
// flush task of the user is armed it answers Arm, and the caller enqueues one.
// A cold state costs a load from MySQL first.
func (s *LikeStore) SetLiked(ctx context.Context, c LikeChange, delay, maxDelay time.Duration) (LikeOutcome, error) {
	want := 0
	if c.Liked {
		want = 1
	}
	keys := []string{likeStateKey(c.UserID), likeChangesKey(c.UserID), likePendingVideoFavorites,
		likePendingUserFavorites, likePendingUserFavorited, likeArmedKey(c.UserID), likeDirty}
	args := []any{c.VideoID, c.AuthorID, c.UserID, want, delay.Milliseconds(), maxDelay.Milliseconds(),
		(maxDelay + likeArmGrace).Milliseconds()}
	for attempt := 0; ; attempt++ {
		res, err := s.rds.ScriptRunCtx(ctx, setLikedScript, keys, args...)
		if err == nil {
			r, _ := res.([]any)
			if len(r) != 3 {
				return LikeOutcome{}, fmt.Errorf("set liked: unexpected reply %v", res)
			}
			changed, _ := r[0].(int64)
			arm, _ := r[1].(int64)
			due, _ := r[2].(int64)
			return LikeOutcome{Changed: changed == 1, Arm: arm == 1, Due: time.UnixMilli(due)}, nil
		}
		if err != redis.Nil || attempt == likeFillAttempts {
			return LikeOutcome{}, likeErr(err)
		}
		if err := s.loadState(ctx, c.UserID); err != nil {
			return LikeOutcome{}, err
		}
	}
}

// Disarm forgets that a flush task of user is armed (its Enqueue failed), so
// that the next like, or the sweeper, arms one.
func (s *LikeStore) Disarm(ctx context.Context, userID int64) error {
	_, err := s.rds.DelCtx(ctx, likeArmedKey(userID))
	return err
}

// LikeBatch is one flush of a user's changes, with the counter changes it makes.
type LikeBatch struct {
	UserID int64
	Batch  int64 // unique per snapshot; favorite_flush remembers the last one applied
	Rows   []LikeRow
	// Net counter changes, without zeros: video favorite_count, user
	// favorite_count, author total_favorited.
	VideoFavorites, UserFavorites, UserFavorited map[int64]int64
}

// LikeRow is the state of (batch user, VideoID) to write to the shard.
type LikeRow struct {
	VideoID int64
	Liked   bool
	At      int64 // epoch ms of the like or unlike
}

// Empty tells whether the batch has nothing to write.
func (b *LikeBatch) Empty() bool { return b == nil || len(b.Rows) == 0 }

// KEYS: 1 changes, 2 flushing, 3 armed, 4 dirty, 5 last batch id; ARGV[1] user.
// Answers {'batch', fields...} of the snapshot (an existing one first: a flush
// that crashed), {'wait', due} when the changes are not due yet, or {} when
// there is nothing to flush.
var takeBatchScript = likeScript(`
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    redis.call('DEL', KEYS[3])
    redis.call('SREM', KEYS[4], ARGV[1])
    return {}
  end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local due = tonumber(redis.call('HGET', KEYS[1], '_due') or '0')
  if due > now then return {'wait', tostring(due)} end
  -- Batch ids grow per user even if the clock steps back: a stale flush of an
  -- older batch is then refused by MySQL (favorite_flush keeps the highest).
  local batch = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local last = tonumber(redis.call('GET', KEYS[5]) or '0')
  if batch <= last then batch = last + 1 end
  redis.call('SET', KEYS[5], string.format('%.0f', batch), 'EX', 86400)
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '_batch', string.format('%.0f', batch))
end
local h = redis.call('HGETALL', KEYS[2])
table.insert(h, 1, 'batch')
return h`)

// TakeBatch snapshots the user's changes for a flush: the changes hash becomes
// the flushing one, so likes arriving meanwhile start a new changes hash. An
// unfinished snapshot (a crashed flush) is answered again, as is. When the
// changes are not due yet it answers (nil, due); with nothing to flush (nil, zero).
func (s *LikeStore) TakeBatch(ctx context.Context, userID int64) (*LikeBatch, time.Time, error) {
	keys := []string{likeChangesKey(userID), likeFlushingKey(userID), likeArmedKey(userID), likeDirty,
		likeBatchPrefix + strconv.FormatInt(userID, 10)}
	res, err := s.rds.ScriptRunCtx(ctx, takeBatchScript, keys, userID)
	if err != nil {
		return nil, time.Time{}, err
	}
	reply, _ := res.([]any)
	if len(reply) == 0 {
		return nil, time.Time{}, nil
	}
	strs := make([]string, len(reply))
	for i, v := range reply {
		strs[i], _ = v.(string)
	}
	if strs[0] == "wait" && len(strs) == 2 {
		due, err := strconv.ParseInt(strs[1], 10, 64)
		return nil, time.UnixMilli(due), err
	}
	return parseBatch(userID, strs[1:])
}

// parseBatch reads a flushing hash (field, value pairs).
func parseBatch(userID int64, kv []string) (*LikeBatch, time.Time, error) {
	b := &LikeBatch{UserID: userID, VideoFavorites: map[int64]int64{}, UserFavorites: map[int64]int64{},
		UserFavorited: map[int64]int64{}}
	for i := 0; i+1 < len(kv); i += 2 {
		field, val := kv[i], kv[i+1]
		if field == "_batch" {
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return nil, time.Time{}, fmt.Errorf("like batch of %d: bad batch %q", userID, val)
			}
			b.Batch = n
			continue
		}
		if strings.HasPrefix(field, "_") {
			continue
		}
		video, err1 := strconv.ParseInt(field, 10, 64)
		parts := strings.Split(val, ":")
		if err1 != nil || len(parts) != 3 || len(parts[0]) != 2 {
			return nil, time.Time{}, fmt.Errorf("like batch of %d: bad change %q=%q", userID, field, val)
		}
		at, err2 := strconv.ParseInt(parts[1], 10, 64)
		author, err3 := strconv.ParseInt(parts[2], 10, 64)
		if err2 != nil || err3 != nil {
			return nil, time.Time{}, fmt.Errorf("like batch of %d: bad change %q=%q", userID, field, val)
		}
		was, now := int64(parts[0][0]-'0'), int64(parts[0][1]-'0')
		b.Rows = append(b.Rows, LikeRow{VideoID: video, Liked: now == 1, At: at})
		if d := now - was; d != 0 {
			b.VideoFavorites[video] += d
			b.UserFavorites[userID] += d
			b.UserFavorited[author] += d
		}
	}
	if b.Batch == 0 {
		return nil, time.Time{}, fmt.Errorf("like batch of %d: no batch id", userID)
	}
	for _, m := range []map[int64]int64{b.VideoFavorites, b.UserFavorites, b.UserFavorited} {
		for id, d := range m {
			if d == 0 {
				delete(m, id)
			}
		}
	}
	return b, time.Time{}, nil
}

// KEYS: 1 flushing, 2 changes, 3 video favorite deltas, 4 user favorite deltas,
// 5 author favorited deltas, 6 armed, 7 dirty, 8 state load guard, 9 state.
// ARGV: 1 batch, 2 user, 3 state ttl seconds, 4 number of video pairs, 5 number
// of user pairs, then id, delta pairs of videos, users, authors.
// Answers -1 if the snapshot is gone (cleaned already), the due ms of the
// changes that arrived meanwhile, or 0 when nothing is left to flush.
var finishBatchScript = likeScript(`
if redis.call('HGET', KEYS[1], '_batch') ~= ARGV[1] then return -1 end
local nv, nu = tonumber(ARGV[4]), tonumber(ARGV[5])
local i = 6
while i < #ARGV do
  local pair = (i - 6) / 2
  local k = KEYS[5]
  if pair < nv then k = KEYS[3] elseif pair < nv + nu then k = KEYS[4] end
  if redis.call('HINCRBY', k, ARGV[i], -tonumber(ARGV[i + 1])) == 0 then redis.call('HDEL', k, ARGV[i]) end
  i = i + 2
end
redis.call('DEL', KEYS[1], KEYS[8])
local due = redis.call('HGET', KEYS[2], '_due')
if due then return tonumber(due) end
redis.call('DEL', KEYS[6])
redis.call('SREM', KEYS[7], ARGV[2])
redis.call('EXPIRE', KEYS[9], ARGV[3])
return 0`)

// FinishBatch clears exactly the applied snapshot: it takes its counter changes
// out of the pending counts (MySQL has them now) and drops it. It answers when
// the changes that arrived meanwhile are due (zero: none; the caller must arm a
// follow-up flush otherwise). Running it twice is harmless.
func (s *LikeStore) FinishBatch(ctx context.Context, b *LikeBatch) (time.Time, error) {
	keys := []string{likeFlushingKey(b.UserID), likeChangesKey(b.UserID), likePendingVideoFavorites,
		likePendingUserFavorites, likePendingUserFavorited, likeArmedKey(b.UserID), likeDirty,
		likeStateGuard(b.UserID), likeStateKey(b.UserID)}
	args := []any{strconv.FormatInt(b.Batch, 10), b.UserID, int(s.stateTTL / time.Second),
		len(b.VideoFavorites), len(b.UserFavorites)}
	for _, m := range []map[int64]int64{b.VideoFavorites, b.UserFavorites, b.UserFavorited} {
		for id, d := range m {
			args = append(args, id, d)
		}
	}
	res, err := s.rds.ScriptRunCtx(ctx, finishBatchScript, keys, args...)
	if err != nil {
		return time.Time{}, err
	}
	if due, _ := res.(int64); due > 0 {
		return time.UnixMilli(due), nil
	}
	return time.Time{}, nil
}

// RefreshArmed extends the armed marker of user while its flush task is
// re-scheduled.
func (s *LikeStore) RefreshArmed(ctx context.Context, userID int64, maxDelay time.Duration) error {
	return s.rds.SetexCtx(ctx, likeArmedKey(userID), "1", int((maxDelay+likeArmGrace)/time.Second))
}

// KEYS[1] dirty; ARGV[1] cursor, ARGV[2] now - grace (ms). Answers {cursor, users...}
// of users whose changes are overdue (or whose flush crashed) in one SSCAN page.
var overdueScript = likeScript(`
local page = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', 500)
local out = {page[1]}
for _, u in ipairs(page[2]) do
  local due = redis.call('HGET', 'like:changes:' .. u, '_due')
  if redis.call('EXISTS', 'like:flushing:' .. u) == 1 or (due and tonumber(due) < tonumber(ARGV[2])) then
    table.insert(out, u)
  elseif not due then
    redis.call('SREM', KEYS[1], u)
  end
end
return out`)

// OverdueUsers lists the users whose changes are overdue by more than grace
// (their flush task was lost: an Enqueue that failed, a Redis that lost it).
// The mq sweeper arms a flush for each.
func (s *LikeStore) OverdueUsers(ctx context.Context, grace time.Duration) ([]int64, error) {
	var users []int64
	cursor := "0"
	for {
		limit := time.Now().Add(-grace).UnixMilli()
		res, err := s.rds.ScriptRunCtx(ctx, overdueScript, []string{likeDirty}, cursor, limit)
		if err != nil {
			return nil, err
		}
		reply, _ := res.([]any)
		if len(reply) == 0 {
			return users, nil
		}
		cursor, _ = reply[0].(string)
		for _, v := range reply[1:] {
			if str, ok := v.(string); ok {
				if id, err := strconv.ParseInt(str, 10, 64); err == nil {
					users = append(users, id)
				}
			}
		}
		if cursor == "0" {
			return users, nil
		}
	}
}

var likeScriptSources []string

// likeScript remembers the source of a script for LoadScripts.
func likeScript(src string) *redis.Script {
	likeScriptSources = append(likeScriptSources, src)
	return redis.NewScript(src)
}

// LoadScripts loads the like scripts into Redis, so that the first calls after a
// start do not fail with NOSCRIPT (and retry): go-zero's Redis breaker counts
// those failures. Call it once at start-up; the scripts also work without it.
func (s *LikeStore) LoadScripts(ctx context.Context) error {
	for _, src := range likeScriptSources {
		if _, err := s.rds.ScriptLoadCtx(ctx, src); err != nil {
			return err
		}
	}
	return nil
}
