-- typing.lua: a user types in a conversation until a time, or stops; a start and the stop of a typing
-- user are published as "tenant US user US conversation US 1|0", a refresh is not.
-- KEYS[1]  the user's typing hash: conversation id -> until, epoch ms
-- ARGV[1]  conversation id   ARGV[2]  until, epoch ms, or 0 to stop   ARGV[3]  now, epoch ms
-- ARGV[4]  typing channel    ARGV[5]  tenant   ARGV[6]  user id
-- Returns  1 when watchers' view changed, else 0
local now, untl = tonumber(ARGV[3]), tonumber(ARGV[2])
local previous = redis.call('HGET', KEYS[1], ARGV[1])
local was = previous ~= false and tonumber(previous) > now
local message = ARGV[5] .. '\31' .. ARGV[6] .. '\31' .. ARGV[1] .. '\31'
if untl > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  local keep = untl - now + 60000
  if redis.call('PTTL', KEYS[1]) < keep then
    redis.call('PEXPIRE', KEYS[1], keep)
  end
  if not was then
    redis.call('PUBLISH', ARGV[4], message .. '1')
    return 1
  end
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
if was then
  redis.call('PUBLISH', ARGV[4], message .. '0')
  return 1
end
return 0
