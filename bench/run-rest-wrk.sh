#!/usr/bin/env bash
# REST heartbeat benchmark with wrk (a C load generator on epoll, Debian package `wrk`) instead of the
# Java generator: the same node set-up as bench/run-rest.sh (private Redis, one node, Redis store), the
# same requests (GET /api/v1/whoami as the authenticated no-op, heartbeats over `records` records with
# four tabs each, one development token per connection), and the same figures: saturation throughput of
# both and their ratio, Redis commands per heartbeat (INFO commandstats) and Redis's socket reads per
# heartbeat (INFO stats: a pipeline that arrives whole is one read, so this counts round trips; under 1
# when heartbeats in flight together share one), p50/p99 at half the no-op's
# throughput. It prints a Markdown table and stops everything it started.
#
# How the half load is made: wrk is closed-loop, so the script makes every request wait for its slot in
# one schedule at half the no-op's rate (BENCH_RATE, see bench/wrk/presence.lua); the rate reached is
# printed beside the latencies. Latency is measured from each request's send: a stall of the server
# delays the requests that follow instead of being counted against them (coordinated omission), which
# the Java generator's open loop does count; read the two generators' tails side by side, not as one
# series.
# With BENCH_CONTROL=1 the paced runs are repeated against two servers with no container and no Presence:
# NullHttpServer (the JDK's HTTP server, a worker thread per request) and SelectorNullServer (one thread,
# no hand-off): the floor of this machine and generator at the same rate, with and without thread wake-ups;
# then NullHttpServer again, spending on each request the node CPU a paced heartbeat cost: what a plain
# thread pool's tail is on this machine when it keeps the cores as busy as the node did.
# Usage: bench/run-rest-wrk.sh [seconds=15] [connections=16] [records=1000]
# BENCH_PACED_CONNECTIONS: connections of the paced runs (default 64): at half load each answer takes
# most of a connection's cycle, and a schedule kept by 16 connections stalls whenever a few answers are
# slow, which wrk would not count; clients of a real node are many connections, each sending rarely.
# BENCH_DIST, BENCH_REDIS_PORT, BENCH_NODE_PORT and BENCH_SERVER_CPUS/BENCH_GENERATOR_CPUS as in run-rest.sh.
# BENCH_PACED_RATE: pace to this rate (req/s) instead of half the no-op's, e.g. to see the no-op as busy
# as the heartbeat is at half load.
# BENCH_WARMUP_SECONDS: how long both requests run at full speed before anything is measured (default 120).
# BENCH_TARGET: the base URL of a node that is already running (e.g. http://node-1:8080), instead of
# starting Redis and a node here: to measure a node on a host of its own, with Redis and this generator
# on others. The node needs the Redis store. Tokens come from its /api/v1/dev/token unless BENCH_TOKENS
# gives them (comma-separated, one per connection, tenant `bench`). BENCH_REDIS_CLI gives redis-cli's
# arguments for that node's Redis (e.g. "-h redis-1 -p 6379"), for the commands and reads per heartbeat;
# CPU per process, the busy share and the controls are measured only for a node started here.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
conns="${2:-16}"
paced_conns="${BENCH_PACED_CONNECTIONS:-64}"
records="${3:-1000}"
redis_port="${BENCH_REDIS_PORT:-18090}"
node_port="${BENCH_NODE_PORT:-18091}"
control_port=$((node_port + 2))
command -v wrk >/dev/null && [ -x /usr/bin/time ] || { echo "needs wrk and /usr/bin/time (apt-get install wrk time)" >&2; exit 1; }

mkdir -p bench/target
server_pin=() generator_pin=()
[ -z "${BENCH_SERVER_CPUS:-}" ] || server_pin=(taskset -c "$BENCH_SERVER_CPUS")
[ -z "${BENCH_GENERATOR_CPUS:-}" ] || generator_pin=(taskset -c "$BENCH_GENERATOR_CPUS")
local_node=1
if [ -n "${BENCH_TARGET:-}" ]; then
  local_node=0
  target="${BENCH_TARGET%/}"
  node_pid="" redis_pid=""
  redis_cli=()
  # shellcheck disable=SC2206
  [ -z "${BENCH_REDIS_CLI:-}" ] || redis_cli=(redis-cli $BENCH_REDIS_CLI)
else
  target="http://127.0.0.1:$node_port"
  redis_cli=(redis-cli -p "$redis_port")
  dist="${BENCH_DIST:-dist/target/presence}"
  [ -x "$dist/bin/presence" ] || mvn -q -B package -DskipTests
  source bench/rest-node.sh
fi

if [ -z "${BENCH_TOKENS:-}" ]; then
  tokens=()
  for i in $(seq 1 "$conns"); do
    tokens+=("$(curl -sf -X POST -H 'Content-Type: application/json' \
      -d "{\"user_id\":\"bench-user-$i\",\"name\":\"Bench $i\",\"tenant\":\"bench\"}" \
      "$target/api/v1/dev/token" | sed -E 's/.*"token":"([^"]+)".*/\1/')")
  done
  BENCH_TOKENS="$(IFS=,; echo "${tokens[*]}")"
fi
[ -n "${BENCH_TOKENS//,/}" ] || { echo "no tokens: $target/api/v1/dev/token did not answer; give BENCH_TOKENS" >&2; exit 1; }
export BENCH_TOKENS BENCH_RECORDS="$records"
out=bench/target/wrk

hz="$(getconf CLK_TCK)"
ticks() { awk '{ print $14 + $15 }' "$1/stat"; } # CPU time of /proc/<pid> or one of its tasks, user + system, in clock ticks
reclaimer_ticks() { # CPU of the kernel's DAMON threads (kdamond), in clock ticks: a VM's proactive memory reclaim,
  # which holds a core in bursts of tens of milliseconds when it is busy (see docs/performance.md)
  local t=0 pid
  for pid in $(pgrep '^kdamond' || true); do t=$((t + $(ticks "/proc/$pid"))); done
  echo "$t"
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat; } # all, idle + iowait
wrk_run() { # wrk_run <name> <mode> <rate, 0 = as fast as it goes> <base URL> [pid]: output in $out-<name>.txt; with a
  # pid, CPU ticks of it, of Redis and of wrk, and the machine's busy share, in $out-<name>.cpu
  local before=0 redis_before=0 machine_before connections="$conns"
  [ "$3" = 0 ] || connections="$paced_conns"
  local reclaimer_before
  reclaimer_before=$(reclaimer_ticks)
  [ -z "${5:-}" ] || { before=$(ticks "/proc/$5"); redis_before=$(ticks "/proc/$redis_pid"); }
  machine_before="$(machine_ticks)"
  BENCH_MODE="$2" BENCH_RATE="$3" "${generator_pin[@]}" /usr/bin/time -f '%U %S' -o "$out-$1.time" \
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/wrk/presence.lua "$4" > "$out-$1.txt"
  [ -z "${5:-}" ] || echo $(($(ticks "/proc/$5") - before)) $(($(ticks "/proc/$redis_pid") - redis_before)) \
    "$(awk -v hz="$hz" '{ printf "%.0f", ($1 + $2) * hz }' "$out-$1.time")" \
    "$(machine_ticks | awk -v b="$machine_before" '{ split(b, x, " "); printf "%.0f", 100 * (1 - ($2 - x[2]) / ($1 - x[1])) }')" \
    $(($(reclaimer_ticks) - reclaimer_before)) > "$out-$1.cpu"
  if grep -q "Non-2xx" "$out-$1.txt"; then
    echo "$1: some answers were not 2xx:" >&2
    cat "$out-$1.txt" >&2
    exit 1
  fi
}
rate() { awk '/^Requests\/sec/ {print $2}' "$out-$1.txt"; }
total() { awk '/requests in/ {print $1}' "$out-$1.txt"; }
cpu_per_request() { # cpu_per_request <name> <1 = node, 2 = Redis, 3 = wrk>: its CPU time per request in a run, in µs
  awk -v t="$(cut -d' ' -f"$2" "$out-$1.cpu")" -v n="$(total "$1")" -v hz="$hz" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }'
}
cpu_split() { echo "$(cpu_per_request "$1" 1) / $(cpu_per_request "$1" 2) / $(cpu_per_request "$1" 3) µs"; }
machine_busy() { echo "$(cut -d' ' -f4 "$out-$1.cpu")%"; }
reclaimer_share() { # reclaimer_share <name>: the kdamond threads' CPU during a run, in ms per second
  awk -v t="$(cut -d' ' -f5 "$out-$1.cpu")" -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.0f ms/s", t * 1000 / hz / s }'
}
pct() { # pct <name> <50|99>: that percentile in ms
  awk -v p="$2%" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f", v * f }' "$out-$1.txt"
}
commandstats() { # commandstats <name>: INFO commandstats of the node's Redis, if it is reachable from here
  if [ ${#redis_cli[@]} -gt 0 ]; then "${redis_cli[@]}" INFO commandstats | tr -d '\r'; fi > "$out-$1.commandstats"
}
redis_reads() { # Redis's socket reads so far (0 when its Redis is not reachable from here)
  if [ ${#redis_cli[@]} -gt 0 ]; then
    "${redis_cli[@]}" INFO stats | tr -d '\r' | awk -F: '$1 == "total_reads_processed" { print $2 }'
  else
    echo 0
  fi
}
reads_per() { # reads_per <reads before> <reads after> <requests>: Redis's read events per request
  awk -v b="$1" -v a="$2" -v n="$3" 'BEGIN { printf "%.3f", (a - b) / n }'
}

# The node is measured in its steady state: Payara's request path is deep, and on two cores the JIT
# compilers, competing with the load, take minutes to compile it (after 20 s of load they still used
# about a third of a core, and a request cost several times the CPU it costs after 90 s). The warm-up
# alternates both requests at full speed; the compilers' CPU during the measured runs is printed as a check.
warmup="${BENCH_WARMUP_SECONDS:-120}"
echo "warming up for $warmup s"
for _ in $(seq 1 $(((warmup + 2 * seconds - 1) / (2 * seconds)))); do
  wrk_run warm-heartbeat heartbeat 0 "$target"
  wrk_run warm-noop noop 0 "$target"
done
compiler_ticks() { # CPU of the node's JIT compiler threads, in clock ticks
  [ "$local_node" = 0 ] || for task in /proc/"$node_pid"/task/*; do
    if grep -q Compiler "$task/comm"; then ticks "$task"; fi
  done | awk '{ t += $1 } END { print t + 0 }'
}
compiled_before=$(compiler_ticks)

wrk_run noop noop 0 "$target" "$node_pid"
commandstats before
reads_before=$(redis_reads)
wrk_run heartbeat heartbeat 0 "$target" "$node_pid"
reads_saturated=$(reads_per "$reads_before" "$(redis_reads)" "$(total heartbeat)")
commandstats after
heartbeats=$(total heartbeat)
noop_rate=$(rate noop)
heartbeat_rate=$(rate heartbeat)
half=${BENCH_PACED_RATE:-$(awk -v r="$noop_rate" 'BEGIN { printf "%.0f", r / 2 }')}
wrk_run noop-half noop "$half" "$target" "$node_pid"
reads_before=$(redis_reads)
wrk_run heartbeat-half heartbeat "$half" "$target" "$node_pid"
reads_paced=$(reads_per "$reads_before" "$(redis_reads)" "$(total heartbeat-half)")
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
[ "$local_node" = 0 ] || echo "| CPU per request at saturation (user + system): node / Redis / wrk | $(cpu_split noop) | $(cpu_split heartbeat) |"
if [ ${#redis_cli[@]} -gt 0 ]; then
  echo "| Redis commands per heartbeat ($heartbeats heartbeats; inside scripts included) | | $per_heartbeat |"
  echo "| Redis socket reads per heartbeat (round trips; INFO stats), at saturation / at the paced rate | | $reads_saturated / $reads_paced |"
fi
echo "| paced to ${BENCH_PACED_RATE:+BENCH_PACED_RATE, not }half the no-op (target $half req/s, $paced_conns connections): rate reached | $(rate noop-half) req/s | $(rate heartbeat-half) req/s |"
echo "| p50 at that rate | $(pct noop-half 50) ms | $(pct heartbeat-half 50) ms |"
echo "| p99 at that rate | $(pct noop-half 99) ms | $(pct heartbeat-half 99) ms |"
if [ "$local_node" = 0 ]; then
  echo "wrk outputs: $out-*.txt"
  exit 0
fi
echo "| at that rate: CPU per request, node / Redis / wrk; the machine's busy share | $(cpu_split noop-half); $(machine_busy noop-half) | $(cpu_split heartbeat-half); $(machine_busy heartbeat-half) |"
if pgrep '^kdamond' >/dev/null; then
  echo "| at that rate: the kernel's DAMON reclaimer (kdamond) CPU | $(reclaimer_share noop-half) | $(reclaimer_share heartbeat-half) |"
fi
echo "| JIT compilers' CPU during the four measured runs (after a ${warmup} s warm-up) | ${compiled_during} s | |"

if [ "${BENCH_CONTROL:-0}" = 1 ]; then
  [ -f bench/target/bench.classpath ] || mvn -q -B -o -pl bench -am package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
  heartbeat_cpu=$(cpu_per_request heartbeat-half 1)
  # The third control is NullHttpServer spending, on each request, the node CPU a heartbeat cost at the
  # paced rate: a thread pool as busy as the node was, with no container and no Redis.
  for control in "NullHttpServer" "SelectorNullServer" "NullHttpServer 8 $heartbeat_cpu"; do
    read -r control_class control_args <<< "$control"
    # shellcheck disable=SC2086
    "${server_pin[@]}" java -Xms1g -Xmx1g -Dsun.net.httpserver.nodelay=true \
      -cp "bench/target/classes:$(cat bench/target/bench.classpath)" "io.presence.bench.$control_class" \
      "$control_port" $control_args > "bench/target/$control_class.log" 2>&1 &
    control_pid=$!
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$control_port/" >/dev/null && break; sleep 0.2; done
    wrk_run control-warm noop "$half" "http://127.0.0.1:$control_port"
    wrk_run control-half noop "$half" "http://127.0.0.1:$control_port" "$control_pid"
    label="$control, same pacing: rate, p50, p99; kdamond CPU"
    [ -z "$control_args" ] || label="NullHttpServer (8 threads) spending ${heartbeat_cpu} µs of CPU on each request, same pacing: rate, p50, p99; the machine's busy share"
    echo "| control: $label | $(rate control-half) req/s, $(pct control-half 50) ms, $(pct control-half 99) ms; $([ -z "$control_args" ] && reclaimer_share control-half || machine_busy control-half) | |"
    kill "$control_pid"
    wait "$control_pid" 2>/dev/null || true
  done
fi
echo "wrk outputs: $out-*.txt"
