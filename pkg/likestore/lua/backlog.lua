-- Reads what waits for its flush, for the metrics: the users with unflushed
-- changes and, from at most ARGV[1] of them (all when there are fewer, a random
-- sample otherwise), their changes and the oldest one. Read-only; it reads keys
-- it is not given (two per user): Redis Cluster is not supported.
-- KEYS[1] dirty.
-- ARGV: 1 sample size, 2 changes key prefix, 3 flushing key prefix.
-- Answers {users, users read, changes of those, oldest _first ms of those (0: none)}.
local users = redis.call('SCARD', KEYS[1])
local sample = redis.call('SRANDMEMBER', KEYS[1], ARGV[1])
local changes, oldest = 0, 0
for _, u in ipairs(sample) do
  for _, key in ipairs({ARGV[2] .. u, ARGV[3] .. u}) do
    local fields = redis.call('HKEYS', key)
    for _, f in ipairs(fields) do
      if string.sub(f, 1, 1) ~= '_' then changes = changes + 1 end
    end
    local first = #fields > 0 and tonumber(redis.call('HGET', key, '_first') or '0') or 0
    if first > 0 and (oldest == 0 or first < oldest) then oldest = first end
  end
end
return {users, #sample, changes, oldest}
