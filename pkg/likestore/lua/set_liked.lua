-- Records a like or unlike: the state, the change for the flush, the three
-- like counts and the flush deadline, due = min(now + delay, oldest unflushed
-- change + max delay).
-- KEYS: 1 state, 2 changes, 3 video like counts, 4 user like counts,
-- 5 author like counts, 6 armed, 7 dirty, 8 the user's budget counter.
-- ARGV: 1 video, 2 author, 3 user, 4 liked (1/0), 5 delay ms, 6 max delay ms,
-- 7 armed marker ttl ms, 8..10 the video's, user's and author's counts as
-- MySQL has them, or '' when the caller did not read them, 11 the budget's
-- quota (0: none, or already counted), 12 its period in seconds.
-- Answers false when the state is not loaded, {-2, seconds left} over the
-- budget (nothing changed), {-1, mask} when counts are missing and no base was
-- given (mask: 1 video, 2 user, 4 author), else {changed, arm, due ms}.
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
-- The budget counts as go-zero's PeriodLimit does (core/limit/periodscript.lua).
local quota = tonumber(ARGV[11])
if quota > 0 then
  local n = redis.call('INCRBY', KEYS[8], 1)
  if n == 1 then redis.call('EXPIRE', KEYS[8], ARGV[12]) end
  if n > quota then return {-2, redis.call('TTL', KEYS[8])} end
end
local was = redis.call('ZSCORE', KEYS[1], ARGV[1]) and 1 or 0
local want = tonumber(ARGV[4])
if was == want then return {0, 0, 0} end
local fields = {ARGV[1], ARGV[3], ARGV[2]}
local bits, cold = {1, 2, 4}, 0
for i, f in ipairs(fields) do
  if redis.call('HEXISTS', KEYS[2 + i], f) == 0 then
    if ARGV[7 + i] == '' then cold = cold + bits[i] end
  end
end
if cold > 0 then return {-1, cold} end
for i, f in ipairs(fields) do
  if ARGV[7 + i] ~= '' then redis.call('HSETNX', KEYS[2 + i], f, ARGV[7 + i]) end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if want == 1 then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('PERSIST', KEYS[1])
local prev = redis.call('HGET', KEYS[2], ARGV[1])
local orig = prev and decode_change(prev) or tostring(was)
redis.call('HSET', KEYS[2], ARGV[1], encode_change(orig, want, now, ARGV[2]))
local d = want == 1 and 1 or -1
for i, f in ipairs(fields) do
  redis.call('HINCRBY', KEYS[2 + i], f, d)
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
return {1, arm, due}
