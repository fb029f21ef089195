-- leave.lua: remove one tab of a record and emit its leave diff. Used for unregister (owner checked)
-- and for the tabs of a WebSocket node (node checked); expired tabs are removed by sweep.lua. The
-- tab's locks go with it (lib/record_state.lua).
-- KEYS[1]  the record's hash: tab id -> tab, and '#' -> the sequence number of its latest diff
-- KEYS[2]  the tab's closed marker, which heartbeat.lua checks
-- KEYS[3]  the record's state hash (locks)
-- ARGV[1]  tab id                           ARGV[2]  owner prefix (userId .. US), or '' for any owner
-- ARGV[3]  TTL of the hash once its last tab is gone (keeps the sequence number), ms
-- ARGV[4]  diff channel                     ARGV[5]  record reference
-- ARGV[6]  reason (unregister, closed)      ARGV[7]  node that must hold the tab, or '' for any node
-- ARGV[8]  how long the tab stays closed to its owner's heartbeats, ms, or '0' (with an owner only)
-- Returns  1 removed, 0 no such tab (or held by another node), -1 the tab belongs to another user
local prev = redis.call('HGET', KEYS[1], ARGV[1])
local close = function()
  if ARGV[8] ~= '0' and ARGV[2] ~= '' then
    redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[8])
  end
end
if not prev then
  close()
  return 0
end
local node, visible = string.match(prev, '^[^\31]*\31[^\31]*\31([^\31]*)\31(.*)$')
if ARGV[2] ~= '' and string.sub(visible, 1, #ARGV[2]) ~= ARGV[2] then
  return -1
end
close()
if ARGV[7] ~= '' and node ~= ARGV[7] then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
local seq = redis.call('HINCRBY', KEYS[1], '#', 1)
if redis.call('HLEN', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
redis.call('PUBLISH', ARGV[4], seq .. '\31L\31' .. ARGV[6] .. '\31' .. ARGV[5] .. '\31' .. ARGV[1] .. '\31' .. prev)
release_tab_locks(KEYS[1], KEYS[3], ARGV[1], ARGV[6], ARGV[4], ARGV[5], ARGV[3])
return 1
