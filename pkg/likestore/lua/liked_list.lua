-- The videos a user likes, most recently liked first.
-- KEYS[1] state.
-- Answers false when the state is not loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', '(0')
