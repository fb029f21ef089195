-- heartbeat.lua: create or refresh one tab of a record; emit a join or update diff when watchers
-- would see a difference. Tab values are "expires US lastSeenBefore US node US visible", where visible
-- is "userId US mode US field US userName" (US = \31, the ASCII unit separator; see TabCodec).
-- KEYS[1]  the record's hash: tab id -> tab, and '#' -> the sequence number of its latest diff
-- KEYS[2]  the tab's closed marker (owner prefix), set by leave.lua when its page went away
-- KEYS[3]  the record's state hash: the leases of the tab's locks are renewed (lib/record_state.lua)
-- ARGV[1]  tab id                           ARGV[2]  encoded tab
-- ARGV[3]  owner prefix (userId .. US)      ARGV[4]  safety TTL of the record's hash, ms
-- ARGV[5]  diff channel                     ARGV[6]  record reference "tenant:type:id"
-- ARGV[7]  now, epoch ms                    ARGV[8]  the most live tabs a user may have on the record
--                                                     (0: no cap), checked for a new tab only
-- Returns  0 refreshed, 1 joined, 2 updated, -1 the tab belongs to another user, -2 the tab was
--          closed (a heartbeat its page sent before it went away, arriving after the close), -3 a new
--          tab of a user who has ARGV[8] live tabs on the record already
local visible_of = function(value)
  return string.match(value, '^[^\31]*\31[^\31]*\31[^\31]*\31(.*)$')
end

local prev = redis.call('HGET', KEYS[1], ARGV[1])
local kind = 'J'
if not prev and redis.call('GET', KEYS[2]) == ARGV[3] then
  return -2
end
-- Counting a user's tabs reads the whole record, so only a new tab in a record with enough tabs does.
local cap = tonumber(ARGV[8])
if not prev and cap > 0 and redis.call('HLEN', KEYS[1]) > cap then
  local held = 0
  for _, value in ipairs(redis.call('HVALS', KEYS[1])) do
    local visible = visible_of(value)
    if visible and string.sub(visible, 1, #ARGV[3]) == ARGV[3]
        and tonumber(string.match(value, '^[^\31]*'), 36) > tonumber(ARGV[7]) then
      held = held + 1
    end
  end
  if held >= cap then
    return -3
  end
end
if prev then
  local prev_visible = visible_of(prev)
  if string.sub(prev_visible, 1, #ARGV[3]) ~= ARGV[3] then
    return -1
  end
  if prev_visible == visible_of(ARGV[2]) then
    kind = nil
  else
    kind = 'U'
  end
end

redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
renew_tab_locks(KEYS[3], ARGV[1], tonumber(ARGV[7]))
if not kind then
  return 0
end
local seq = redis.call('HINCRBY', KEYS[1], '#', 1)
redis.call('PUBLISH', ARGV[5], seq .. '\31' .. kind .. '\31\31' .. ARGV[6] .. '\31' .. ARGV[1] .. '\31' .. ARGV[2])
if kind == 'J' then
  return 1
end
return 2
