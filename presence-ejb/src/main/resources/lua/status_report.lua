-- status_report.lua: one device of a user reports its status; the user's status follows. Refused
-- without any change when the user's previous rate-limited report is less than the interval old, which
-- holds across nodes since the check and the write are one step. A node-held device repeating the
-- status it has (a reconnect taking it over) is a resume, not a report: never refused, not counted.
-- Needs lib/user_status.lua.
-- KEYS[1]  the user's status hash
-- ARGV[1]  device id      ARGV[2]  online | away | offline (offline removes the device)
-- ARGV[3]  node holding the device, empty for REST       ARGV[4]  the device's expiry, epoch ms
-- ARGV[5]  now, epoch ms  ARGV[6]  minimum interval ms, 0 for a report that is not limited
-- ARGV[7]  status channel ARGV[8]  tenant   ARGV[9]  user id   ARGV[10]  retention ms
-- Returns  { -1, ms to wait } when refused, else { 1, status, last seen ms, version }
local now, interval = tonumber(ARGV[5]), tonumber(ARGV[6])
local field = 'd:' .. ARGV[1]
if interval > 0 and ARGV[3] ~= '' then
  local held = redis.call('HGET', KEYS[1], field)
  if held and device_parts(held) == ARGV[2] then
    interval = 0
  end
end
if interval > 0 then
  local last_report = redis.call('HGET', KEYS[1], 'u')
  if last_report and now - tonumber(last_report) < interval then
    return { -1, interval - (now - tonumber(last_report)) }
  end
  redis.call('HSET', KEYS[1], 'u', ARGV[5])
end
if ARGV[2] == 'offline' then
  redis.call('HDEL', KEYS[1], field)
else
  redis.call('HSET', KEYS[1], field, ARGV[2] .. '\31' .. ARGV[4] .. '\31' .. ARGV[3] .. '\31' .. ARGV[5])
end
seen_at(KEYS[1], now)
local _, status, seen, version = settle_user(KEYS[1], now, ARGV[7], ARGV[8], ARGV[9])
redis.call('PEXPIRE', KEYS[1], ARGV[10])
return { 1, status, seen, version }
