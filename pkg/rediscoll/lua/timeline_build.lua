-- Stores a build unless a publish (or a newer build) took its guard meanwhile.
-- KEYS[1] timeline, KEYS[2] build guard.
-- ARGV[1] token, ARGV[2] floor ms (the member "floor:<ms>", score -1), then
-- score, id pairs.
-- Answers 1 when stored, 0 when refused.
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[1], -1, 'floor:' .. ARGV[2])
for i = 3, #ARGV, 1000 do
  redis.call('ZADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return 1
