-- Makes the owed second deletes of cached rows that are due: each key of
-- KEYS[2..] whose due time in the owed set is at most ARGV[1] is deleted and
-- taken out of the set; a key owed again meanwhile (a later due time) stays.
-- KEYS[1] the owed set (member: row key, score: due ms); KEYS[2..] row keys.
-- ARGV: 1 now in ms.
-- Answers the number of keys deleted.
local done = 0
for i = 2, #KEYS do
  local due = redis.call('ZSCORE', KEYS[1], KEYS[i])
  if due and tonumber(due) <= tonumber(ARGV[1]) then
    redis.call('DEL', KEYS[i])
    redis.call('ZREM', KEYS[1], KEYS[i])
    done = done + 1
  end
end
return done
