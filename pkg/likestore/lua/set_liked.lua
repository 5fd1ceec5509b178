-- Records a like or unlike: the state, the change for the flush, the three
-- pending counts and the flush deadline, due = min(now + delay, oldest
-- unflushed change + max delay).
-- KEYS: 1 state, 2 changes, 3 pending video likes, 4 pending user likes,
-- 5 pending author likes, 6 armed, 7 dirty.
-- ARGV: 1 video, 2 author, 3 user, 4 liked (1/0), 5 delay ms, 6 max delay ms,
-- 7 armed marker ttl ms.
-- Answers false when the state is not loaded, else {changed, arm, due ms}.
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
local orig = prev and decode_change(prev) or tostring(was)
redis.call('HSET', KEYS[2], ARGV[1], encode_change(orig, want, now, ARGV[2]))
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
return {1, arm, due}
