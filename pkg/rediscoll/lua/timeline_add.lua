-- Adds a published video to a built timeline and trims it to capacity, raising
-- the floor; stops any build under way, which may have missed the video. A
-- timeline not built is left alone (its build will read the video).
-- KEYS[1] timeline, KEYS[2] build guard.
-- ARGV[1] video id, ARGV[2] publish ms, ARGV[3] capacity.
-- Answers 1 when added, 0 when the timeline is not built.
redis.call('DEL', KEYS[2])
local floor = redis.call('ZRANGE', KEYS[1], 0, 0)
if #floor == 0 or string.sub(floor[1], 1, 6) ~= 'floor:' then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local extra = redis.call('ZCARD', KEYS[1]) - 1 - tonumber(ARGV[3])
if extra > 0 then
  local newestRemoved = redis.call('ZRANGE', KEYS[1], extra, extra, 'WITHSCORES')
  redis.call('ZREMRANGEBYRANK', KEYS[1], 1, extra)
  redis.call('ZREM', KEYS[1], floor[1])
  redis.call('ZADD', KEYS[1], -1, 'floor:' .. string.format('%.0f', tonumber(newestRemoved[2]) + 1))
end
return 1
