-- The one codec of a change: the value of a video's field in like:changes:<u>
-- and like:flushing:<u>, "<was><now>:<ms>:<author>", where was is the state
-- MySQL has (0/1), now the new one, ms when it changed and author the video's
-- author.
local function encode_change(was, now, ms, author)
  return was .. now .. ':' .. ms .. ':' .. author
end

-- decode_change answers was, now, ms, author (strings), or nil for a value that
-- is not a change.
local function decode_change(v)
  return string.match(v, '^([01])([01]):(%d+):(%d+)$')
end
