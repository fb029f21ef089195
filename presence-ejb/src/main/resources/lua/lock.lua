-- lock.lua: lock a field of a record for one live tab of its user, or renew the lease if that tab holds
-- it already. Needs lib/record_state.lua.
-- KEYS[1]  the record's hash (tabs, '#' sequence)   KEYS[2]  the record's state hash
-- ARGV[1]  field     ARGV[2]  owner prefix (userId .. US)    ARGV[3]  tab id
-- ARGV[4]  lease ms  ARGV[5]  now ms    ARGV[6]  diff channel   ARGV[7]  record reference
-- ARGV[8]  TTL of the state hash, ms    ARGV[9]  TTL of a record hash made here, ms
-- Returns  { 1 acquired | 2 renewed | -1 held by another tab | -2 no such live tab of the user, lock }
local now, lease = tonumber(ARGV[5]), tonumber(ARGV[4])
local tab = redis.call('HGET', KEYS[1], ARGV[3])
if not tab then
  return { -2, '' }
end
local expires, visible = string.match(tab, '^([^\31]*)\31[^\31]*\31[^\31]*\31(.*)$')
if tonumber(expires, 36) <= now or string.sub(visible, 1, #ARGV[2]) ~= ARGV[2] then
  return { -2, '' }
end
local user = string.sub(ARGV[2], 1, #ARGV[2] - 1)
local name = string.match(visible, '^[^\31]*\31[^\31]*\31[^\31]*\31(.*)$') or ''
local current = redis.call('HGET', KEYS[2], 'l:' .. ARGV[1])
local token
if current then
  local held_token, _, holder, held_until = lock_parts(current)
  if held_until > now then
    if holder ~= ARGV[3] then
      return { -1, current }
    end
    token = held_token
  end
end
local value = function(t)
  return t .. '\31' .. user .. '\31' .. ARGV[3] .. '\31' .. (now + lease) .. '\31' .. lease .. '\31' .. name
end
redis.call('PEXPIRE', KEYS[2], math.max(redis.call('PTTL', KEYS[2]), tonumber(ARGV[8])))
if token then
  redis.call('HSET', KEYS[2], 'l:' .. ARGV[1], value(token))
  return { 2, value(token) }
end
token = redis.call('HINCRBY', KEYS[2], 'f:' .. ARGV[1], 1)
redis.call('HSET', KEYS[2], 'l:' .. ARGV[1], value(token))
local held = redis.call('HGET', KEYS[2], 'h:' .. ARGV[3])
if not held then
  redis.call('HSET', KEYS[2], 'h:' .. ARGV[3], ARGV[1])
elseif not string.find('\31' .. held .. '\31', '\31' .. ARGV[1] .. '\31', 1, true) then
  redis.call('HSET', KEYS[2], 'h:' .. ARGV[3], held .. '\31' .. ARGV[1])
end
publish_lock(ARGV[6], next_seq(KEYS[1], ARGV[9]), 'K', '', ARGV[7], ARGV[1], value(token))
return { 1, value(token) }
