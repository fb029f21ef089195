-- unlock.lua: release a field's lock, the user's own or (force) whoever's. Needs lib/record_state.lua.
-- KEYS[1]  the record's hash   KEYS[2]  the record's state hash
-- ARGV[1]  field   ARGV[2]  userId that must hold it, or '' to force   ARGV[3]  now ms
-- ARGV[4]  diff channel   ARGV[5]  record reference   ARGV[6]  reason   ARGV[7]  TTL of a new record hash
-- Returns  { 1 released | 0 not held | -1 held by another user, lock }
local current = redis.call('HGET', KEYS[2], 'l:' .. ARGV[1])
if not current then
  return { 0, '' }
end
local _, user, _, expires = lock_parts(current)
if expires <= tonumber(ARGV[3]) then
  return { 0, '' }
end
if ARGV[2] ~= '' and user ~= ARGV[2] then
  return { -1, current }
end
redis.call('HDEL', KEYS[2], 'l:' .. ARGV[1])
publish_lock(ARGV[4], next_seq(KEYS[1], ARGV[7]), 'R', ARGV[6], ARGV[5], ARGV[1], current)
return { 1, current }
