-- Snapshots a user's due changes for a flush: the changes hash is renamed to the
-- flushing one and given a batch id. An existing snapshot (a flush that crashed)
-- is answered again, as is.
-- KEYS: 1 changes, 2 flushing, 3 armed, 4 dirty, 5 last batch id.
-- ARGV[1] user.
-- Answers {'batch', id, then video, was, now, ms, author of each change ('' for
-- a part of a value that is not a change)}, {'wait', due ms} when the changes
-- are not due yet, or {} when there is nothing to flush.
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    redis.call('DEL', KEYS[3])
    redis.call('SREM', KEYS[4], ARGV[1])
    return {}
  end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local due = tonumber(redis.call('HGET', KEYS[1], '_due') or '0')
  if due > now then return {'wait', tostring(due)} end
  -- Batch ids grow per user even if the clock steps back: a stale flush of an
  -- older batch is then refused by MySQL (favorite_flush keeps the highest).
  local batch = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local last = tonumber(redis.call('GET', KEYS[5]) or '0')
  if batch <= last then batch = last + 1 end
  redis.call('SET', KEYS[5], string.format('%.0f', batch), 'EX', 86400)
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '_batch', string.format('%.0f', batch))
end
local out = {'batch', redis.call('HGET', KEYS[2], '_batch') or ''}
local h = redis.call('HGETALL', KEYS[2])
for i = 1, #h, 2 do
  if string.sub(h[i], 1, 1) ~= '_' then
    local was, now, ms, author = decode_change(h[i + 1])
    for _, v in ipairs({h[i], was or '', now or '', ms or '', author or ''}) do table.insert(out, v) end
  end
end
return out
