-- wrk script of bench/run-rest-wrk.sh: the no-op (GET /api/v1/whoami) or a heartbeat, with the
-- development tokens of BENCH_TOKENS (comma-separated) in turn; heartbeats spread over BENCH_RECORDS
-- records and four tabs per record.
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
  tokens[#tokens + 1] = token
end
local mode = os.getenv("BENCH_MODE") or "noop"
local records = tonumber(os.getenv("BENCH_RECORDS") or "1000")
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local n = 0

function setup(thread)
  thread:set("offset", math.random(0, 1000000))
end

function request()
  n = n + 1
  local seq = n + (offset or 0)
  local headers = { ["Authorization"] = "Bearer " .. tokens[(seq % #tokens) + 1] }
  if mode == "noop" then
    return wrk.format("GET", "/api/v1/whoami", headers)
  end
  local tab = seq % (records * 4)
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/presence/work_order/WO-" .. (tab % records) .. "/heartbeat", headers,
    '{"tab_id":"tab-' .. tab .. '","mode":"view","dirty":false}')
end

-- BENCH_RATE > 0 paces the thread to that many requests per second: every request takes the next slot
-- of one schedule (slots 1/rate apart) and waits until its slot, rounded to wrk's whole milliseconds. A
-- request whose slot has passed goes at once, as in an open loop, but a stall is made up for at most
-- 100 ms back. The rate is kept on average however short the interval is, which a fixed wait per
-- connection cannot do once a connection's cycle is near a millisecond; it needs enough connections
-- that some are free when a slot comes.
if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *time);
  ]]
  local now_ts = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
    return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
  end
  local interval = 1000 / rate
  local next_slot = 0
  function delay()
    local now = now_ms()
    local slot = math.max(next_slot, now - 100)
    next_slot = slot + interval
    return math.max(0, math.floor(slot - now + 0.5))
  end
end
