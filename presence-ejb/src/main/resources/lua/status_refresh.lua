-- status_refresh.lua: move the expiry of one device that a node holds (a WebSocket connection's),
-- without a change; the user is seen now. Needs lib/user_status.lua.
-- KEYS[1]  the user's status hash
-- ARGV[1]  device id   ARGV[2]  node that must hold it   ARGV[3]  new expiry, epoch ms
-- ARGV[4]  now, epoch ms   ARGV[5]  retention ms
-- Returns  1 refreshed, 0 the device is gone or another node holds it now
local field = 'd:' .. ARGV[1]
local value = redis.call('HGET', KEYS[1], field)
if not value then
  return 0
end
local status, _, node = device_parts(value)
if node ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], field, status .. '\31' .. ARGV[3] .. '\31' .. node .. '\31' .. ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
