#!/usr/bin/env bash
# The tail of a plain thread pool on this machine: NullHttpServer (the JDK's HTTP server, 8 worker threads,
# no container, no store) spends a given CPU time on every request, and wrk paces it at a given rate with
# bench/wrk/presence.lua, as bench/run-rest-wrk.sh paces the node. Prints, per CPU budget, the rate reached,
# p50, p99 and the share of the machine's cores that was busy: the latency a threaded server has here
# at a busy share, whatever it runs. Compare a node's paced run at the same busy share.
# Usage: bench/run-pool-floor.sh [rate=5000] [seconds=15] [cpu µs per request...=0 50 100 150 200 250]
# BENCH_POOL_THREADS: worker threads (default 8); BENCH_POOL_PORT: port (default 18092).
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-5000}"
seconds="${2:-15}"
shift 2 2>/dev/null || shift $#
budgets=("$@")
[ ${#budgets[@]} -gt 0 ] || budgets=(0 50 100 150 200 250)
port="${BENCH_POOL_PORT:-18092}"
threads="${BENCH_POOL_THREADS:-8}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -f bench/target/classes/io/presence/bench/NullHttpServer.class ] \
  || mvn -q -B -pl bench -am package -DskipTests -Dspotless.check.skip=true

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; } # busy, idle + iowait
run() { # run <seconds>: one paced wrk run against the control; prints its output
  BENCH_TOKENS=control BENCH_MODE=noop BENCH_RATE="$rate" \
    wrk -t1 -c64 -d"$1s" --latency -s bench/wrk/presence.lua "http://127.0.0.1:$port"
}

echo "| CPU per request | rate reached | p50 | p99 | machine busy |"
echo "|---|---|---|---|---|"
for budget in "${budgets[@]}"; do
  java -Xms1g -Xmx1g -Dsun.net.httpserver.nodelay=true -cp bench/target/classes \
    io.presence.bench.NullHttpServer "$port" "$threads" "$budget" > bench/target/pool-floor.log 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null' EXIT
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
  run 5 > /dev/null # the JIT compiles the server's path
  read -r busy_before idle_before < <(busy_ticks)
  result="$(run "$seconds")"
  read -r busy_after idle_after < <(busy_ticks)
  kill "$server"
  wait "$server" 2>/dev/null || true
  echo "$result" | awk -v b="$budget" -v busy=$((busy_after - busy_before)) -v idle=$((idle_after - idle_before)) '
    function ms(v) { u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); return v * ((u == "us") ? 0.001 : (u == "s") ? 1000 : 1) }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /^Requests\/sec/ { r = $2 }
    END { printf "| %d µs | %.0f req/s | %.2f ms | %.2f ms | %.0f%% |\n", b, r, p50, p99, 100 * busy / (busy + idle) }'
done
