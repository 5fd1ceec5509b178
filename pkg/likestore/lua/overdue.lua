-- One SSCAN page of the users with unflushed changes: those whose changes are
-- overdue or whose flush crashed; users with nothing left are dropped from the set.
-- It reads keys it is not given (one pair per user): Redis Cluster is not supported.
-- KEYS[1] dirty.
-- ARGV[1] cursor, ARGV[2] now - grace (ms), ARGV[3] changes key prefix,
-- ARGV[4] flushing key prefix.
-- Answers {cursor, users...}.
local page = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', 500)
local out = {page[1]}
for _, u in ipairs(page[2]) do
  local due = redis.call('HGET', ARGV[3] .. u, '_due')
  if redis.call('EXISTS', ARGV[4] .. u) == 1 or (due and tonumber(due) < tonumber(ARGV[2])) then
    table.insert(out, u)
  elseif not due then
    redis.call('SREM', KEYS[1], u)
  end
end
return out
