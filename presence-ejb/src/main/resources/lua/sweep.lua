-- sweep.lua: remove the tabs of a record that expired by ARGV[1], emitting a leave diff (reason
-- expired) for each, and tell when the earliest remaining tab expires, so that the sweeper can move
-- the record in the expiry index. A tab that heartbeated meanwhile has a later expiry and stays.
-- KEYS[1]  the record's hash: tab id -> tab, and '#' -> the sequence number of its latest diff
-- ARGV[1]  now, epoch ms
-- ARGV[2]  TTL of the hash once its last tab is gone (keeps the sequence number), ms
-- ARGV[3]  diff channel                     ARGV[4]  record reference
-- Returns  { tabs removed, epoch ms of the earliest remaining expiry or -1 when no tab is left }
local now = tonumber(ARGV[1])
local fields = redis.call('HGETALL', KEYS[1])
local removed, earliest = 0, -1
for i = 1, #fields, 2 do
  local tab, value = fields[i], fields[i + 1]
  if tab ~= '#' then
    local expires = tonumber(string.match(value, '^[^\31]*'), 36)
    if expires <= now then
      redis.call('HDEL', KEYS[1], tab)
      local seq = redis.call('HINCRBY', KEYS[1], '#', 1)
      redis.call('PUBLISH', ARGV[3], seq .. '\31L\31expired\31' .. ARGV[4] .. '\31' .. tab .. '\31' .. value)
      removed = removed + 1
    elseif earliest < 0 or expires < earliest then
      earliest = expires
    end
  end
end
if removed > 0 and earliest < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return { removed, earliest }
