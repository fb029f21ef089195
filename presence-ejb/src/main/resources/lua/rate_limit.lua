-- rate_limit.lua: takes one permit of a rate limit for one client, atomically for every node that
-- shares this Redis. The generic cell rate algorithm, as Gcra.java computes it: the key holds the
-- client's theoretical arrival time (TAT); a permit moves it one interval on from max(TAT, now) and is
-- granted while the moved TAT lies at most burst intervals ahead of now. A refused request changes
-- nothing. The key lives until its TAT has passed; after that it is as good as absent.
-- All times are whole microseconds since the epoch (below 2^53, exact in Lua's numbers).
-- KEYS[1]  the client's key, e.g. presence:rate:{acme:u1}:api
-- ARGV[1]  now (the calling node's clock)
-- ARGV[2]  the interval between two permits at the sustained rate, at least 1
-- ARGV[3]  the burst: permits a client that was quiet may take at once
-- Returns  {1, permits left, 0} when granted; {0, 0, microseconds until the next permit} when refused
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])

local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
local next_tat = tat + interval
local allow_at = next_tat - burst * interval
if allow_at > now then
  return {0, 0, allow_at - now}
end
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000))
return {1, math.floor((now - allow_at) / interval), 0}
