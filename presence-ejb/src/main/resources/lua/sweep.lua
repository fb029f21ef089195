-- sweep.lua: remove the tabs of a record that expired by ARGV[1], emitting a leave diff (reason
-- expired) for each and releasing their locks; release lock leases and a stale flag that lapsed; and
-- tell when the earliest remaining expiry falls, so that the sweeper can move the record in the expiry
-- index. A tab that heartbeated meanwhile has a later expiry and stays. Needs lib/record_state.lua.
-- KEYS[1]  the record's hash: tab id -> tab, and '#' -> the sequence number of its latest diff
-- KEYS[2]  the record's state hash (locks, stale flag)
-- ARGV[1]  now, epoch ms
-- ARGV[2]  TTL of the hash once its last tab is gone (keeps the sequence number), ms
-- ARGV[3]  diff channel                     ARGV[4]  record reference
-- Returns  { tabs removed, epoch ms of the earliest remaining expiry or -1 when nothing is left to expire }
local now = tonumber(ARGV[1])
local fields = redis.call('HGETALL', KEYS[1])
local removed, earliest, tabs = 0, -1, 0
local later = function(at)
  if earliest < 0 or at < earliest then
    earliest = at
  end
end
for i = 1, #fields, 2 do
  local tab, value = fields[i], fields[i + 1]
  if tab ~= '#' then
    local expires = tonumber(string.match(value, '^[^\31]*'), 36)
    if expires <= now then
      redis.call('HDEL', KEYS[1], tab)
      local seq = redis.call('HINCRBY', KEYS[1], '#', 1)
      redis.call('PUBLISH', ARGV[3], seq .. '\31L\31expired\31' .. ARGV[4] .. '\31' .. tab .. '\31' .. value)
      release_tab_locks(KEYS[1], KEYS[2], tab, 'expired', ARGV[3], ARGV[4], ARGV[2])
      removed = removed + 1
    else
      tabs = tabs + 1
      later(expires)
    end
  end
end
local state = redis.call('HGETALL', KEYS[2])
for i = 1, #state, 2 do
  local key, value = state[i], state[i + 1]
  if string.sub(key, 1, 2) == 'l:' then
    local expires = select(4, lock_parts(value))
    if expires <= now then
      redis.call('HDEL', KEYS[2], key)
      publish_lock(ARGV[3], next_seq(KEYS[1], ARGV[2]), 'R', 'expired', ARGV[4], string.sub(key, 3), value)
    else
      later(expires)
    end
  elseif key == 's' then
    local untl = tonumber(string.match(value, '\31(.*)$'))
    if untl <= now then
      redis.call('HDEL', KEYS[2], 's')
      redis.call('PUBLISH', ARGV[3], next_seq(KEYS[1], ARGV[2]) .. '\31S\31expired\31' .. ARGV[4] .. '\31'
        .. (redis.call('HGET', KEYS[2], 'v') or '0') .. '\31\31')
    else
      later(untl)
    end
  end
end
if removed > 0 and tabs == 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return { removed, earliest }
