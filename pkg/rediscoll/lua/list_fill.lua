-- Stores a loaded id list unless an invalidation took the load's guard meanwhile.
-- KEYS[1] list, KEYS[2] guard.
-- ARGV[1] token, ARGV[2] ttl seconds, ARGV[3] the list as a JSON array.
-- Answers 1 when stored, 0 when refused.
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[2])
return 1
