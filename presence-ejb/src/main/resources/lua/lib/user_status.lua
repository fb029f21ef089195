-- lib/user_status.lua: functions shared by the user status scripts; prepended to them (LuaScript.load).
-- A user's status hash (KEYS[1] of the callers) holds:
--   d:<device>  status US expires (ms) US node US seen (ms)     status: online | away
--   s  the aggregate status last published    v  its version (one more per change)
--   l  last seen (ms) of devices that are gone and of reports   u  the last rate-limited report (ms)
local function device_parts(value)
  local status, expires, node, seen = string.match(value, '^([^\31]*)\31([^\31]*)\31([^\31]*)\31(.*)$')
  return status, tonumber(expires), node, tonumber(seen)
end

-- Drops the devices expired by now (a device's last report then counts as the user's last seen),
-- recomputes the aggregate and, when it changed, bumps the version and publishes
-- "tenant US user US status US last seen US version" on channel.
-- Returns removed devices, status, last seen, version.
local function settle_user(key, now, channel, tenant, user)
  local fields = redis.call('HGETALL', key)
  local last, stored = 0, 0
  for i = 1, #fields, 2 do
    if fields[i] == 'l' then
      last = tonumber(fields[i + 1])
      stored = last
    end
  end
  local online, away, removed, seen = false, false, 0, 0
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 2) == 'd:' then
      local status, expires, _, device_seen = device_parts(fields[i + 1])
      if expires <= now then
        redis.call('HDEL', key, fields[i])
        removed = removed + 1
        if device_seen > last then
          last = device_seen
        end
      else
        if status == 'online' then
          online = true
        else
          away = true
        end
        if device_seen > seen then
          seen = device_seen
        end
      end
    end
  end
  if last > stored then
    redis.call('HSET', key, 'l', last)
  end
  if last > seen then
    seen = last
  end
  local status = online and 'online' or (away and 'away' or 'offline')
  local version = tonumber(redis.call('HGET', key, 'v') or '0')
  if status ~= (redis.call('HGET', key, 's') or 'offline') then
    redis.call('HSET', key, 's', status)
    version = redis.call('HINCRBY', key, 'v', 1)
    redis.call('PUBLISH', channel, tenant .. '\31' .. user .. '\31' .. status .. '\31' .. seen .. '\31' .. version)
  end
  return removed, status, seen, version
end

-- The user was seen at now: 'l' moves forward, never back.
local function seen_at(key, now)
  if now > tonumber(redis.call('HGET', key, 'l') or '0') then
    redis.call('HSET', key, 'l', now)
  end
end
