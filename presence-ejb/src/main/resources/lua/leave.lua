-- leave.lua: remove one tab of a record and emit its leave diff.
-- Used for unregister (owner checked, no expiry check) and by the sweeper (no owner check, removes
-- only if the tab is still expired, so a tab that heartbeated meanwhile stays).
-- KEYS[1]  the record's tabs hash            KEYS[2]  the record's sequence counter
-- ARGV[1]  tab id                           ARGV[2]  owner prefix (userId .. US), or '' for any owner
-- ARGV[3]  TTL of the sequence counter, ms  ARGV[4]  diff channel
-- ARGV[5]  record reference                 ARGV[6]  reason (unregister, expired, closed)
-- ARGV[7]  now in epoch ms: remove only if expired by then; '' to remove regardless
-- ARGV[8]  node that must hold the tab (release by a WebSocket node), or '' for any node
-- Returns  1 removed, 0 no such (expired, or held by another node) tab, -1 the tab belongs to another user
local prev = redis.call('HGET', KEYS[1], ARGV[1])
if not prev then
  return 0
end
local expires, node, visible = string.match(prev, '^(%d+)\31[^\31]*\31([^\31]*)\31(.*)$')
if ARGV[2] ~= '' and string.sub(visible, 1, #ARGV[2]) ~= ARGV[2] then
  return -1
end
if ARGV[8] and ARGV[8] ~= '' and node ~= ARGV[8] then
  return 0
end
if ARGV[7] ~= '' and tonumber(expires) > tonumber(ARGV[7]) then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
local seq = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], seq .. '\31L\31' .. ARGV[6] .. '\31' .. ARGV[5] .. '\31' .. ARGV[1] .. '\31' .. prev)
return 1
