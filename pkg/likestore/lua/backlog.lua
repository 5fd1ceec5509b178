-- Reads what waits for its flush, for the metrics: the users with unflushed
-- changes and, from at most ARGV[1] of them (all when there are fewer, a random
-- sample otherwise), their changes and the oldest one. Two O(1) commands per
-- hash, whatever its size. Read-only; it reads keys it is not given (two per
-- user): Redis Cluster is not supported.
-- KEYS[1] dirty.
-- ARGV: 1 sample size, 2 changes key prefix, 3 flushing key prefix.
-- Answers {users, users read, changes of those, oldest _first ms of those (0: none)}.
local users = redis.call('SCARD', KEYS[1])
local sample = redis.call('SRANDMEMBER', KEYS[1], ARGV[1])
local changes, oldest = 0, 0
for _, u in ipairs(sample) do
  for _, key in ipairs({ARGV[2] .. u, ARGV[3] .. u}) do
    local n = redis.call('HLEN', key)
    if n > 0 then
      -- Every field but these is a change (set_liked.lua, take_batch.lua).
      local meta = redis.call('HMGET', key, '_first', '_due', '_batch')
      for _, v in ipairs(meta) do
        if v then n = n - 1 end
      end
      changes = changes + n
      local first = tonumber(meta[1] or '0') or 0
      if first > 0 and (oldest == 0 or first < oldest) then oldest = first end
    end
  end
end
return {users, #sample, changes, oldest}
