-- unindex.lua: drop swept tabs from the expiry index, but only those still due: a tab that
-- heartbeated after the sweeper read the index has a later score and stays.
-- KEYS[1]  the expiry index (sorted set, score = expiry in epoch ms)
-- ARGV[1]  now in epoch ms   ARGV[2..n]  index members "tenant:type:id US tabId"
-- Returns  how many members were removed
local removed = 0
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) <= tonumber(ARGV[1]) then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
