-- Clears exactly an applied snapshot (MySQL has it now): drops it and, when no
-- change arrived meanwhile, the user's flush bookkeeping. The like counts are
-- not touched: they already hold the batch. Running it twice is harmless.
-- KEYS: 1 flushing, 2 changes, 3 armed, 4 dirty, 5 state load guard, 6 state.
-- ARGV: 1 batch, 2 user, 3 state ttl seconds.
-- Answers -1 if the snapshot is gone (cleaned already), the due ms of the
-- changes that arrived meanwhile, or 0 when nothing is left to flush.
if redis.call('HGET', KEYS[1], '_batch') ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1], KEYS[5])
local due = redis.call('HGET', KEYS[2], '_due')
if due then return tonumber(due) end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[4], ARGV[2])
redis.call('EXPIRE', KEYS[6], ARGV[3])
return 0
