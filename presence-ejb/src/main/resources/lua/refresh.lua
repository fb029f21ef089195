-- refresh.lua: move the expiry of one tab that a node holds (a WebSocket tab), without a diff. The
-- tab keeps its last-seen time and everything watchers see; "expires US lastSeenBefore" is rewritten
-- (both base 36, see TabCodec).
-- KEYS[1]  the record's hash    KEYS[2]  the record's state hash (the tab's locks are renewed too)
-- ARGV[1]  tab id                           ARGV[2]  node that must hold the tab
-- ARGV[3]  new expiry in epoch ms           ARGV[4]  safety TTL of the record's hash, ms
-- ARGV[5]  now, epoch ms
-- Returns  1 refreshed, 0 the tab is gone or another node holds it now
local base36 = function(n)
  local digits = ''
  repeat
    local d = n % 36
    digits = string.sub('0123456789abcdefghijklmnopqrstuvwxyz', d + 1, d + 1) .. digits
    n = (n - d) / 36
  until n == 0
  return digits
end

local prev = redis.call('HGET', KEYS[1], ARGV[1])
if not prev then
  return 0
end
local expires, before, rest = string.match(prev, '^([^\31]*)\31([^\31]*)\31(.*)$')
if string.match(rest, '^[^\31]*') ~= ARGV[2] then
  return 0
end
local last_seen = tonumber(expires, 36) - tonumber(before, 36)
local new_expires = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], base36(new_expires) .. '\31' .. base36(new_expires - last_seen) .. '\31' .. rest)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
renew_tab_locks(KEYS[2], ARGV[1], tonumber(ARGV[5]))
return 1
