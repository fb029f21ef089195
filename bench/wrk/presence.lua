-- wrk script of bench/run-rest-wrk.sh: the no-op (GET /api/v1/whoami) or a heartbeat, with the
-- development tokens of BENCH_TOKENS (comma-separated) in turn; heartbeats spread over BENCH_RECORDS
-- records and four tabs per record. BENCH_DELAY_MS > 0 paces each connection (wait after a response).
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
  tokens[#tokens + 1] = token
end
local mode = os.getenv("BENCH_MODE") or "noop"
local records = tonumber(os.getenv("BENCH_RECORDS") or "1000")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
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

-- wrk waits whole milliseconds: a fractional BENCH_DELAY_MS is made on average by waiting its floor or
-- one more millisecond, in proportion.
if delay_ms > 0 then
  local whole = math.floor(delay_ms)
  local fraction = delay_ms - whole
  function delay()
    if math.random() < fraction then
      return whole + 1
    end
    return whole
  end
end
