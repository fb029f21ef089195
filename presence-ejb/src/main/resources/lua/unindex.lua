-- unindex.lua: drop records that the sweeper found without tabs from the expiry index, but only those
-- still due (another sweeper may have moved one meanwhile). A tab that joins after the sweeper looked
-- cannot raise a due score; the sweeper reads such records again afterwards and puts them back.
-- KEYS[1]  the expiry index (sorted set of record references, score = expiry in epoch ms)
-- ARGV[1]  now in epoch ms   ARGV[2..n]  record references "tenant:type:id"
-- Returns  how many members were removed
local removed = 0
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) <= tonumber(ARGV[1]) then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
