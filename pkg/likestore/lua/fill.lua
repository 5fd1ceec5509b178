-- Stores a user's like state loaded from MySQL, only if no flush finished since
-- the guard was taken (the flush deletes the guard), with the changes MySQL does
-- not have yet laid on top.
-- KEYS[1] state, KEYS[2] guard, KEYS[3] flushing, KEYS[4] changes.
-- ARGV[1] token, ARGV[2] ttl seconds, ARGV[3] loaded marker, ARGV[4..] score,
-- video pairs from MySQL.
-- Answers 1 when stored, 0 when refused.
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[1], 0, ARGV[3])
for i = 4, #ARGV, 1000 do
  redis.call('ZADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
local unflushed = false
for _, k in ipairs({KEYS[3], KEYS[4]}) do
  local h = redis.call('HGETALL', k)
  for i = 1, #h, 2 do
    if string.sub(h[i], 1, 1) ~= '_' then
      unflushed = true
      local _, now, ms = decode_change(h[i + 1])
      if now == '1' then
        redis.call('ZADD', KEYS[1], ms, h[i])
      else
        redis.call('ZREM', KEYS[1], h[i])
      end
    end
  end
end
if not unflushed then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1
