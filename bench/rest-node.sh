# Sourced by the REST benchmarks: starts a private Redis and one node with the Redis store on loopback
# ports, stops both on exit, and waits until the node is ready. Reads redis_port, node_port, dist and the
# optional array server_pin (a taskset prefix); sets redis_pid and node_pid.
# The REST rate limit stays on, as in production, but at BENCH_API_LIMIT requests a minute per user
# (default 10,000,000): the load comes from a few users, and the limit's cost (one rate_limit.lua call
# per request) is measured without refusals. BENCH_API_LIMIT=0 turns it off.
"${server_pin[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
redis_pid=$!
PRESENCE_RATE_LIMIT_API_REQUESTS="${BENCH_API_LIMIT:-10000000}" \
  PRESENCE_PORT="$node_port" PRESENCE_STORE=redis PRESENCE_REDIS_URL="redis://127.0.0.1:$redis_port" \
  PRESENCE_ROOT_DIR="$PWD/bench/target/node-root-$node_port" "${server_pin[@]}" "$dist/bin/presence" > "bench/target/node-$node_port.log" 2>&1 &
node_pid=$!
trap 'kill $node_pid $redis_pid ${control_pid:-} 2>/dev/null; wait 2>/dev/null' EXIT

for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$node_port/health/ready" >/dev/null && break
  sleep 1
done
