-- lib/record_state.lua: functions shared by the scripts that touch a record's locks; prepended to them
-- (LuaScript.load). The record's state hash (KEYS of the callers) holds:
--   v         version                      s          busyBy US staleUntil (ms), while stale
--   e         recent lifecycle event ids   f:<field>  the field's fencing counter
--   l:<field> token US userId US tabId US expires (ms) US lease (ms) US userName
--   h:<tabId> the fields the tab has locked, US-separated (may name fields since relocked by others)
local function lock_parts(value)
  local token, user, tab, expires, lease, name =
    string.match(value, '^([^\31]*)\31([^\31]*)\31([^\31]*)\31([^\31]*)\31([^\31]*)\31(.*)$')
  return token, user, tab, tonumber(expires), tonumber(lease), name
end

-- The record's next sequence number; a record hash made here (no tab yet) gets the empty-record TTL.
local function next_seq(record, empty_ttl)
  local seq = redis.call('HINCRBY', record, '#', 1)
  if redis.call('PTTL', record) < 0 then
    redis.call('PEXPIRE', record, empty_ttl)
  end
  return seq
end

local function publish_lock(channel, seq, kind, reason, ref, field, value)
  redis.call('PUBLISH', channel, seq .. '\31' .. kind .. '\31' .. reason .. '\31' .. ref .. '\31' .. field .. '\31' .. value)
end

-- Releases every lock the tab holds, each with a diff carrying reason.
local function release_tab_locks(record, state, tab, reason, channel, ref, empty_ttl)
  local held = redis.call('HGET', state, 'h:' .. tab)
  if not held then
    return
  end
  redis.call('HDEL', state, 'h:' .. tab)
  for field in string.gmatch(held, '[^\31]+') do
    local value = redis.call('HGET', state, 'l:' .. field)
    if value and select(3, lock_parts(value)) == tab then
      redis.call('HDEL', state, 'l:' .. field)
      publish_lock(channel, next_seq(record, empty_ttl), 'R', reason, ref, field, value)
    end
  end
end

-- Moves the leases of the tab's locks to now plus their lease (no diff: watchers see no change).
local function renew_tab_locks(state, tab, now)
  local held = redis.call('HGET', state, 'h:' .. tab)
  if not held then
    return
  end
  for field in string.gmatch(held, '[^\31]+') do
    local value = redis.call('HGET', state, 'l:' .. field)
    if value then
      local token, user, holder, expires, lease, name = lock_parts(value)
      if holder == tab and now + lease > expires then
        redis.call('HSET', state, 'l:' .. field,
          token .. '\31' .. user .. '\31' .. holder .. '\31' .. (now + lease) .. '\31' .. lease .. '\31' .. name)
      end
    end
  end
end
