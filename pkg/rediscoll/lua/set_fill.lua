-- Stores a loaded id set unless an invalidation took the load's guard meanwhile.
-- KEYS[1] set, KEYS[2] guard.
-- ARGV[1] token, ARGV[2] ttl seconds, ARGV[3..] members (the loaded marker first).
-- Answers 1 when stored, 0 when refused.
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
for i = 3, #ARGV, 500 do
  redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
