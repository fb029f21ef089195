-- refresh.lua: move the expiry of one tab that a node holds (a WebSocket tab), without a diff. The
-- tab keeps its last-seen time and everything watchers see; only "expiresMs" changes.
-- KEYS[1]  the record's tabs hash
-- ARGV[1]  tab id                           ARGV[2]  node that must hold the tab
-- ARGV[3]  new expiry in epoch ms           ARGV[4]  safety TTL of the tabs hash, ms
-- Returns  1 refreshed, 0 the tab is gone or another node holds it now
local prev = redis.call('HGET', KEYS[1], ARGV[1])
if not prev then
  return 0
end
local last, node, visible = string.match(prev, '^%d+\31([^\31]*)\31([^\31]*)\31(.*)$')
if node ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. '\31' .. last .. '\31' .. node .. '\31' .. visible)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
