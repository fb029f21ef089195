#!/usr/bin/env bash
# REST heartbeat benchmark with wrk (a C load generator on epoll, Debian package `wrk`) instead of the
# Java generator: the same node set-up as bench/run-rest.sh (private Redis, one node, Redis store), the
# same requests (GET /api/v1/whoami as the authenticated no-op, heartbeats over `records` records with
# four tabs each, one development token per connection), and the same figures: saturation throughput of
# both and their ratio, Redis commands per heartbeat (INFO commandstats), p50/p99 at half the no-op's
# throughput. It prints a Markdown table and stops everything it started.
#
# How the half load is made: wrk is closed-loop, so each connection waits BENCH_DELAY_MS after every
# answer, chosen as connections / (half the no-op's rate); the rate reached is printed beside the
# latencies. Latency is measured from each request's send: a stall of the server delays the requests
# that follow instead of being counted against them (coordinated omission), which the Java generator's
# open loop does count; read the two generators' tails side by side, not as one series.
# With BENCH_CONTROL=1 the paced runs are repeated against NullHttpServer (no container, no Presence):
# the floor of this machine and generator at the same rate.
# Usage: bench/run-rest-wrk.sh [seconds=15] [connections=16] [records=1000]
# BENCH_DIST, BENCH_REDIS_PORT, BENCH_NODE_PORT and BENCH_SERVER_CPUS/BENCH_GENERATOR_CPUS as in run-rest.sh.
# BENCH_WARMUP_SECONDS: how long both requests run at full speed before anything is measured (default 120).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
conns="${2:-16}"
records="${3:-1000}"
redis_port="${BENCH_REDIS_PORT:-18090}"
node_port="${BENCH_NODE_PORT:-18091}"
control_port=$((node_port + 2))
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

dist="${BENCH_DIST:-dist/target/presence}"
[ -x "$dist/bin/presence" ] || mvn -q -B package -DskipTests
mkdir -p bench/target
server_pin=() generator_pin=()
[ -z "${BENCH_SERVER_CPUS:-}" ] || server_pin=(taskset -c "$BENCH_SERVER_CPUS")
[ -z "${BENCH_GENERATOR_CPUS:-}" ] || generator_pin=(taskset -c "$BENCH_GENERATOR_CPUS")
source bench/rest-node.sh

tokens=()
for i in $(seq 1 "$conns"); do
  tokens+=("$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"user_id\":\"bench-user-$i\",\"name\":\"Bench $i\",\"tenant\":\"bench\"}" \
    "http://127.0.0.1:$node_port/api/v1/dev/token" | sed -E 's/.*"token":"([^"]+)".*/\1/')")
done
BENCH_TOKENS="$(IFS=,; echo "${tokens[*]}")"
export BENCH_TOKENS BENCH_RECORDS="$records"
out=bench/target/wrk

hz="$(getconf CLK_TCK)"
ticks() { awk '{ print $14 + $15 }' "$1/stat"; } # CPU time of /proc/<pid> or one of its tasks, user + system, in clock ticks
wrk_run() { # wrk_run <name> <mode> <delay-ms> <port> [pid]: output in $out-<name>.txt; CPU of pid in $out-<name>.cpu
  local before=0
  [ -z "${5:-}" ] || before=$(ticks "/proc/$5")
  BENCH_MODE="$2" BENCH_DELAY_MS="$3" "${generator_pin[@]}" wrk -t1 -c"$conns" -d"${seconds}s" --latency \
    -s bench/wrk/presence.lua "http://127.0.0.1:$4" > "$out-$1.txt"
  [ -z "${5:-}" ] || echo $(($(ticks "/proc/$5") - before)) > "$out-$1.cpu"
  if grep -q "Non-2xx" "$out-$1.txt"; then
    echo "$1: some answers were not 2xx:" >&2
    cat "$out-$1.txt" >&2
    exit 1
  fi
}
rate() { awk '/^Requests\/sec/ {print $2}' "$out-$1.txt"; }
total() { awk '/requests in/ {print $1}' "$out-$1.txt"; }
cpu_per_request() { # the node's CPU time per request in a run, in microseconds
  awk -v t="$(cat "$out-$1.cpu")" -v n="$(total "$1")" -v hz="$hz" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }'
}
pct() { # pct <name> <50|99>: that percentile in ms
  awk -v p="$2%" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f", v * f }' "$out-$1.txt"
}
commandstats() { redis-cli -p "$redis_port" INFO commandstats | tr -d '\r' > "$out-$1.commandstats"; }

# The node is measured in its steady state: Payara's request path is deep, and on two cores the JIT
# compilers, competing with the load, take minutes to compile it (after 20 s of load they still used
# about a third of a core, and a request cost several times the CPU it costs after 90 s). The warm-up
# alternates both requests at full speed; the compilers' CPU during the measured runs is printed as a check.
warmup="${BENCH_WARMUP_SECONDS:-120}"
echo "warming up for $warmup s"
for _ in $(seq 1 $(((warmup + 2 * seconds - 1) / (2 * seconds)))); do
  wrk_run warm-heartbeat heartbeat 0 "$node_port"
  wrk_run warm-noop noop 0 "$node_port"
done
compiler_ticks() { # CPU of the node's JIT compiler threads, in clock ticks
  for task in /proc/"$node_pid"/task/*; do
    if grep -q Compiler "$task/comm"; then ticks "$task"; fi
  done | awk '{ t += $1 } END { print t + 0 }'
}
compiled_before=$(compiler_ticks)

wrk_run noop noop 0 "$node_port" "$node_pid"
commandstats before
wrk_run heartbeat heartbeat 0 "$node_port" "$node_pid"
commandstats after
heartbeats=$(total heartbeat)
noop_rate=$(rate noop)
heartbeat_rate=$(rate heartbeat)
half=$(awk -v r="$noop_rate" 'BEGIN { printf "%.0f", r / 2 }')
# a connection's cycle is the delay plus the answer's latency (about a millisecond at that rate)
delay=$(awk -v c="$conns" -v r="$half" 'BEGIN { d = c * 1000 / r - 1; printf "%.2f", (d < 0.1 ? 0.1 : d) }')
wrk_run noop-half noop "$delay" "$node_port" "$node_pid"
wrk_run heartbeat-half heartbeat "$delay" "$node_port" "$node_pid"
compiled_during=$(awk -v t=$(($(compiler_ticks) - compiled_before)) -v hz="$hz" 'BEGIN { printf "%.1f", t / hz }')

echo
echo "| measure (wrk, $conns connections, ${seconds} s each) | no-op (GET /whoami) | heartbeat |"
echo "|---|---|---|"
printf "| saturation throughput | %.0f req/s | %.0f req/s (%.0f%% of no-op) |\n" \
  "$noop_rate" "$heartbeat_rate" "$(awk -v a="$heartbeat_rate" -v b="$noop_rate" 'BEGIN { print 100 * a / b }')"
# Redis counts the commands a script runs as well as the ones sent; the INFO call itself is left out.
per_heartbeat=$(awk -F'[:=,]' -v n="$heartbeats" '
  FNR == NR && /^cmdstat_/ { b[$1] = $3; next }
  /^cmdstat_/ && $1 != "cmdstat_info" && ($3 - b[$1]) / n >= 0.001 {
    printf "%s`%s` %.3f", (k++ ? ", " : ""), substr($1, 9), ($3 - b[$1]) / n }
' "$out-before.commandstats" "$out-after.commandstats")
echo "| node CPU per request at saturation (user + system) | $(cpu_per_request noop) µs | $(cpu_per_request heartbeat) µs |"
echo "| Redis commands per heartbeat ($heartbeats heartbeats; inside scripts included) | | $per_heartbeat |"
echo "| paced to half the no-op (target $half req/s, ${delay} ms between requests per connection): rate reached | $(rate noop-half) req/s | $(rate heartbeat-half) req/s |"
echo "| p50 at that rate | $(pct noop-half 50) ms | $(pct heartbeat-half 50) ms |"
echo "| p99 at that rate | $(pct noop-half 99) ms | $(pct heartbeat-half 99) ms |"
echo "| JIT compilers' CPU during the four measured runs (after a ${warmup} s warm-up) | ${compiled_during} s | |"

if [ "${BENCH_CONTROL:-0}" = 1 ]; then
  [ -f bench/target/bench.classpath ] || mvn -q -B -o -pl bench -am package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
  "${server_pin[@]}" java -Dsun.net.httpserver.nodelay=true -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.presence.bench.NullHttpServer \
    "$control_port" > bench/target/null-server.log 2>&1 &
  control_pid=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$control_port/" >/dev/null && break; sleep 0.2; done
  wrk_run control-warm noop "$delay" "$control_port"
  wrk_run control-half noop "$delay" "$control_port"
  echo "| control: NullHttpServer, same pacing: rate, p50, p99 | $(rate control-half) req/s, $(pct control-half 50) ms, $(pct control-half 99) ms | |"
fi
echo "wrk outputs: $out-*.txt"
