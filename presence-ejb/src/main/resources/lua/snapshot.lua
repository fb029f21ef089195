-- snapshot.lua: a record's tabs and its sequence number, read atomically.
-- KEYS[1]  the record's tabs hash   KEYS[2]  the record's sequence counter
-- Returns  { seq (0 if none), tabId1, value1, tabId2, value2, ... }
local seq = redis.call('GET', KEYS[2]) or '0'
local result = { seq }
local tabs = redis.call('HGETALL', KEYS[1])
for i = 1, #tabs do
  result[i + 1] = tabs[i]
end
return result
