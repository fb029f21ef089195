#!/usr/bin/env bash
# WebSocket benchmark: starts a private Redis and three nodes (Redis store) on loopback ports, then
#   1. holds N idle subscribed connections on node 1 and measures server heap and RSS per connection,
#   2. measures join-to-delivery latency for rooms of 10 and 100 on one node and across nodes,
#   3. holds N3 connections spread over the three nodes,
# prints the results, and stops everything it started.
# Usage: bench/run-ws.sh [connections-one-node=5000] [connections-three-nodes=6000] [generators=2]
# Each generator is its own JVM (the machine caps open files per process at 20 000).
# BENCH_WS_LISTENER=1: every node also runs its own WebSocket listener (presence.ws.port = HTTP port + 100)
# and the generators connect there instead of to the endpoint on the HTTP listener.
set -euo pipefail
cd "$(dirname "$0")/.."
n1="${1:-5000}"
n3="${2:-6000}"
gens="${3:-2}"
redis_port="${BENCH_REDIS_PORT:-18390}"
ports=(18391 18392 18393)
heap="${BENCH_NODE_HEAP:-2g}"
ws_offset=0
[ "${BENCH_WS_LISTENER:-0}" = 1 ] && ws_offset=100
gen_opts="-Dbench.ws-port-offset=$ws_offset"

[ -x dist/target/presence/bin/presence ] || mvn -q -B package -DskipTests
mvn -q -B -o -pl bench -am package -DskipTests -Dspotless.check.skip=true dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="bench/target/classes:$(cat bench/target/bench.classpath)"

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
pids+=($!)
node_pids=()
for i in 0 1 2; do
  ws_env=()
  [ "$ws_offset" = 0 ] || ws_env=("PRESENCE_WS_PORT=$(( ports[i] + ws_offset ))")
  env "${ws_env[@]}" PRESENCE_PORT="${ports[$i]}" PRESENCE_STORE=redis PRESENCE_REDIS_URL="redis://127.0.0.1:$redis_port" \
    PRESENCE_NODE_ID="bench-$i" PRESENCE_JAVA_OPTS="-Xmx$heap -Xss256k" \
    PRESENCE_ROOT_DIR="$PWD/bench/target/node-$i" dist/target/presence/bin/presence > "bench/target/node-$i.log" 2>&1 &
  pids+=($!)
  node_pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 1
  done
done

heap_kb() { # used heap after a full GC, in KB
  jcmd "$1" GC.run >/dev/null
  sleep 2
  jcmd "$1" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1)+0; exit}}'
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
url() { echo "http://127.0.0.1:$1"; }

gpids=()
hold() { # hold <nodes-csv> <total> <seconds>: starts $gens generator processes into gpids
  local per=$(( $2 / gens ))
  gpids=()
  rm -f bench/target/hold-*.out
  for g in $(seq 1 "$gens"); do
    java -Xmx2g -Xss256k $gen_opts -cp "$cp" io.presence.bench.WebSocketLoadBenchmark hold "$1" "$per" 100 "$3" \
      > "bench/target/hold-$g.out" 2>&1 &
    gpids+=($!)
  done
}

node1="${node_pids[0]}"
base_heap=$(heap_kb "$node1"); base_rss=$(rss_kb "$node1")
hold "$(url "${ports[0]}")" "$n1" 20
for _ in $(seq 1 200); do
  [ "$(cat bench/target/hold-*.out 2>/dev/null | grep -c HELD)" -ge "$gens" ] && break
  sleep 1
done
sleep 5
held_heap=$(heap_kb "$node1"); held_rss=$(rss_kb "$node1")
held=$(cat bench/target/hold-*.out | awk '/^HELD/ {s+=$2} END {print s+0}')
echo "ONE NODE: held $held of $n1; heap $base_heap -> $held_heap KB; RSS $base_rss -> $held_rss KB"
echo "  heap per connection: $(( (held_heap - base_heap) / (held > 0 ? held : 1) )) KB;" \
     "RSS per connection: $(( (held_rss - base_rss) / (held > 0 ? held : 1) )) KB"
wait "${gpids[@]}" || true
cat bench/target/hold-*.out

one="$(url "${ports[0]}")"; two="$(url "${ports[1]}")"
# warm-up (JIT of the fan-out path on both nodes), not reported
java $gen_opts -cp "$cp" io.presence.bench.WebSocketLoadBenchmark latency "$one,$two" "$one" 20 10 20 >/dev/null
java $gen_opts -cp "$cp" io.presence.bench.WebSocketLoadBenchmark latency "$one" "$one" 20 10 30
java $gen_opts -cp "$cp" io.presence.bench.WebSocketLoadBenchmark latency "$one" "$one" 5 100 30
java $gen_opts -cp "$cp" io.presence.bench.WebSocketLoadBenchmark latency "$two" "$one" 20 10 30
java $gen_opts -cp "$cp" io.presence.bench.WebSocketLoadBenchmark latency "$two" "$one" 5 100 30

hold "$one,$two,$(url "${ports[2]}")" "$n3" 20
wait "${gpids[@]}" || true
echo "THREE NODES:"; cat bench/target/hold-*.out
