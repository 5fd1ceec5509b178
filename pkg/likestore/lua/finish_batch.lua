-- Clears exactly an applied snapshot: takes its counter changes out of the
-- pending counts and drops it. Running it twice is harmless.
-- KEYS: 1 flushing, 2 changes, 3 pending video likes, 4 pending user likes,
-- 5 pending author likes, 6 armed, 7 dirty, 8 state load guard, 9 state.
-- ARGV: 1 batch, 2 user, 3 state ttl seconds, 4 number of video pairs, 5 number
-- of user pairs, then id, delta pairs of videos, users, authors.
-- Answers -1 if the snapshot is gone (cleaned already), the due ms of the
-- changes that arrived meanwhile, or 0 when nothing is left to flush.
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
return 0
