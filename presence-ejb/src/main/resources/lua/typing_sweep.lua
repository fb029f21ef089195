-- typing_sweep.lua: end a user's typing in a conversation if it lapsed, publishing its stop; typing
-- that was refreshed meanwhile has a later time and stays.
-- KEYS[1]  the user's typing hash
-- ARGV[1]  conversation id   ARGV[2]  now, epoch ms   ARGV[3]  typing channel
-- ARGV[4]  tenant            ARGV[5]  user id
-- Returns  1 when it ended a typing, else 0
local untl = redis.call('HGET', KEYS[1], ARGV[1])
if untl and tonumber(untl) <= tonumber(ARGV[2]) then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('PUBLISH', ARGV[3], ARGV[4] .. '\31' .. ARGV[5] .. '\31' .. ARGV[1] .. '\31' .. '0')
  return 1
end
return 0
