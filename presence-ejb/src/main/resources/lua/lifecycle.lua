-- lifecycle.lua: a record's lifecycle change: mutating (stale, busy by), mutated (not stale, version
-- bumped) or bump (version bumped if it is the expected one). Needs lib/record_state.lua.
-- KEYS[1]  the record's hash   KEYS[2]  the record's state hash
-- ARGV[1]  mutating | mutated | bump   ARGV[2]  event id ('' for none)   ARGV[3]  busy by
-- ARGV[4]  stale until ms   ARGV[5]  expected version (bump)   ARGV[6]  now ms
-- ARGV[7]  diff channel   ARGV[8]  record reference   ARGV[9]  state TTL ms   ARGV[10]  new record TTL ms
-- ARGV[11] how many event ids to remember
-- Returns  { 1 applied | 0 duplicate event | -1 version mismatch, version, busy by, stale until ('' when not stale) }
local state = function()
  local version = tonumber(redis.call('HGET', KEYS[2], 'v') or '0')
  local stale = redis.call('HGET', KEYS[2], 's')
  local busy, untl = '', ''
  if stale then
    busy, untl = string.match(stale, '^([^\31]*)\31(.*)$')
    if tonumber(untl) <= tonumber(ARGV[6]) then
      busy, untl = '', ''
    end
  end
  return version, busy, untl
end
if ARGV[2] ~= '' then
  local recent = redis.call('HGET', KEYS[2], 'e') or ''
  if string.find('\31' .. recent .. '\31', '\31' .. ARGV[2] .. '\31', 1, true) then
    local version, busy, untl = state()
    return { 0, version, busy, untl }
  end
  local ids = {}
  for id in string.gmatch(recent, '[^\31]+') do
    ids[#ids + 1] = id
  end
  ids[#ids + 1] = ARGV[2]
  redis.call('HSET', KEYS[2], 'e', table.concat(ids, '\31', math.max(1, #ids - tonumber(ARGV[11]) + 1)))
end
if ARGV[1] == 'bump' then
  local version = state()
  if version ~= tonumber(ARGV[5]) then
    return { -1, version, '', '' }
  end
end
if ARGV[1] == 'mutating' then
  redis.call('HSET', KEYS[2], 's', ARGV[3] .. '\31' .. ARGV[4])
elseif ARGV[1] == 'mutated' then
  redis.call('HDEL', KEYS[2], 's')
  redis.call('HINCRBY', KEYS[2], 'v', 1)
else
  redis.call('HINCRBY', KEYS[2], 'v', 1)
end
redis.call('PEXPIRE', KEYS[2], math.max(redis.call('PTTL', KEYS[2]), tonumber(ARGV[9])))
local version, busy, untl = state()
local reason = ARGV[1] == 'bump' and 'bumped' or ARGV[1]
redis.call('PUBLISH', ARGV[7], next_seq(KEYS[1], ARGV[10]) .. '\31S\31' .. reason .. '\31' .. ARGV[8] .. '\31'
  .. version .. '\31' .. busy .. '\31' .. untl)
return { 1, version, busy, untl }
