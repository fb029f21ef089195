-- status_release.lua: remove a device if the given node still holds it (a connection closed); the
-- user is seen now and their status follows. Needs lib/user_status.lua.
-- KEYS[1]  the user's status hash
-- ARGV[1]  device id   ARGV[2]  node   ARGV[3]  now, epoch ms   ARGV[4]  status channel
-- ARGV[5]  tenant      ARGV[6]  user id   ARGV[7]  retention ms
-- Returns  1 removed, 0 the device is gone or another node holds it
local field = 'd:' .. ARGV[1]
local value = redis.call('HGET', KEYS[1], field)
if not value then
  return 0
end
local _, _, node = device_parts(value)
if node ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[1], field)
seen_at(KEYS[1], tonumber(ARGV[3]))
settle_user(KEYS[1], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return 1
