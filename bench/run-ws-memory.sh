#!/usr/bin/env bash
# Heap and RSS per idle WebSocket connection on ONE node: starts a private Redis and one node (Redis
# store) through the launcher, opens and closes N connections to warm up, takes the baseline (live heap
# from a class histogram, which runs a full GC first; RSS), holds N idle subscribed connections, takes the
# same readings, prints the per-connection figures and the classes that grew most, and stops everything
# it started. (GC.heap_info's "used" after GC.run, as in run-ws.sh, moved by several KB per connection
# between identical runs; the histogram total did not.)
# Usage: bench/run-ws-memory.sh [connections=5000] [generators=1]
# Environment:
#   BENCH_MEM_PORT_BASE  Redis on this port, the node on the next (default 18500; keep to 18500-18599)
#   BENCH_NODE_HEAP      node -Xmx (default 2g, as in run-ws.sh)
#   BENCH_NODE_OPTS      extra node JVM options (e.g. system properties to try a setting)
#   BENCH_WAR            a WAR to run instead of the distribution's (to compare two builds)
#   BENCH_PRE_BOOT       a file of asadmin commands run with the distribution's pre-boot commands
#   BENCH_HEAP_DUMP=1    also write heap dumps of the baseline and the held state
#   BENCH_HOLD_SECONDS   how long the generators keep the connections (default 90; raise it for dumps)
#   BENCH_WS_LISTENER=1  connect to the node's own WebSocket listener (presence.ws.port, the port after the
#                        node's) instead of the endpoint on the HTTP listener
#   BENCH_HOLD_USERS     distinct users (tokens) per generator (default: one per connection, as with real
#                        clients; the access token rides in the URL and the container keeps copies of it)
# Output files: bench/target/ws-mem-<redis port>-{base,held}.{histo,rss,hprof} and -node.log. Runs with different BENCH_MEM_PORT_BASE values may run at once.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
gens="${2:-1}"
base_port="${BENCH_MEM_PORT_BASE:-18500}"
redis_port="$base_port"
port=$((base_port + 1))
ws_offset=0
if [ "${BENCH_WS_LISTENER:-0}" = 1 ]; then
  ws_offset=1
  export PRESENCE_WS_PORT=$((port + ws_offset))
fi
heap="${BENCH_NODE_HEAP:-2g}"
hold_seconds="${BENCH_HOLD_SECONDS:-90}"
users="${BENCH_HOLD_USERS:-$(( n / gens ))}"
out=bench/target
tag="$out/ws-mem-$base_port"

[ -x dist/target/presence/bin/presence ] || mvn -q -B package -DskipTests
mkdir -p "$out"
( # one build at a time when several runs start together
  flock 9
  mvn -q -B -o -pl bench -am package -DskipTests -Dspotless.check.skip=true dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
) 9> "$out/.ws-mem-build.lock"
cp="bench/target/classes:$(cat bench/target/bench.classpath)"

pids=()
gpids=()
cleanup() { kill "${gpids[@]}" "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

# A private copy of the distribution (hard links), so that BENCH_WAR and BENCH_PRE_BOOT change only this run.
home="$out/ws-mem-$base_port-dist"
rm -rf "$home"
cp -al dist/target/presence "$home"
if [ -n "${BENCH_WAR:-}" ]; then
  rm "$home/lib/presence-web.war"
  cp "$BENCH_WAR" "$home/lib/presence-web.war"
fi
if [ -n "${BENCH_PRE_BOOT:-}" ]; then
  rm "$home/conf/pre-boot-commands.asadmin"
  cat dist/target/presence/conf/pre-boot-commands.asadmin "$BENCH_PRE_BOOT" > "$home/conf/pre-boot-commands.asadmin"
fi

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
pids+=($!)
# shellcheck disable=SC2086
PRESENCE_PORT="$port" PRESENCE_STORE=redis PRESENCE_REDIS_URL="redis://127.0.0.1:$redis_port" \
  PRESENCE_NODE_ID="bench-mem" PRESENCE_JAVA_OPTS="-Xmx$heap -Xss256k ${BENCH_NODE_OPTS:-}" \
  PRESENCE_ROOT_DIR="$PWD/$tag-root" "$home/bin/presence" > "$tag-node.log" 2>&1 &
node=$!
pids+=($node)
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 1
done
url="http://127.0.0.1:$port"

reading() { # reading <name>: class histogram of the live objects (after a full GC), heap dump, RSS
  jcmd "$node" GC.class_histogram > "$tag-$1.histo"
  awk '/VmRSS/ {print $2}' "/proc/$node/status" > "$tag-$1.rss"
  if [ "${BENCH_HEAP_DUMP:-0}" = 1 ]; then
    rm -f "$PWD/$tag-$1.hprof"
    jcmd "$node" GC.heap_dump "$PWD/$tag-$1.hprof" >/dev/null
  fi
}

hold() { # hold <total> <seconds>: starts $gens generator processes into gpids
  local per=$(( $1 / gens ))
  gpids=()
  rm -f "$tag"-hold-*.out
  for g in $(seq 1 "$gens"); do
    java -Xmx1g -Xss256k -Dbench.hold-users="$users" -Dbench.ws-port-offset="$ws_offset" -cp "$cp" io.presence.bench.WebSocketLoadBenchmark \
      hold "$url" "$per" 100 "$2" \
      > "$tag-hold-$g.out" 2>&1 &
    gpids+=($!)
  done
}
await_held() {
  for _ in $(seq 1 300); do
    [ "$(cat "$tag"-hold-*.out 2>/dev/null | grep -c HELD)" -ge "$gens" ] && return
    sleep 1
  done
}

# Warm-up: open, use and close as many connections as the measurement will hold, so that classes,
# caches, and the worker threads (with their buffer pools) that a burst of handshakes starts exist at
# the baseline: the difference is then what holding the connections costs, not what opening them did.
hold "$n" 1
await_held
wait "${gpids[@]}" || true
sleep 20 # past the handshake timeout of the WebSocket listener, whose timer holds each accepted connection
reading base

hold "$n" "$hold_seconds"
await_held
sleep 5
reading held
held=$(cat "$tag"-hold-*.out | awk '/^HELD/ {s+=$2} END {print s+0}')
per=$(( held > 0 ? held : 1 ))
echo "held $held of $n idle subscribed connections on one node, $([ "$ws_offset" = 0 ] && echo "HTTP listener" || echo "own WebSocket listener") (-Xmx$heap ${BENCH_NODE_OPTS:-}${BENCH_WAR:+ war $BENCH_WAR}${BENCH_PRE_BOOT:+ pre-boot +$BENCH_PRE_BOOT})"
live() { awk '/^Total/ {print $3}' "$tag-$1.histo"; }
rss() { cat "$tag-$1.rss"; }
echo "live heap (class histogram after a full GC): $(( $(live base) / 1024 )) -> $(( $(live held) / 1024 )) KB =" \
     "$(( ($(live held) - $(live base)) / per )) bytes per connection"
echo "RSS: $(rss base) -> $(rss held) KB = $(( ($(rss held) - $(rss base)) * 1024 / per )) bytes per connection"
echo "classes that grew most (bytes and instances per connection; jcmd GC.class_histogram):"
awk -v n="$per" '
  FNR == NR && $1 ~ /^[0-9]+:$/ { bb[$4] = $3; bi[$4] = $2; next }
  $1 ~ /^[0-9]+:$/ { d[$4] = $3 - bb[$4]; di[$4] = $2 - bi[$4] }
  END { for (c in d) if (d[c] / n >= 40) printf "%10.0f %8.2f  %s\n", d[c] / n, di[c] / n, c }
' "$tag-base.histo" "$tag-held.histo" | sort -rn | head -40
if [ "${BENCH_HEAP_DUMP:-0}" = 1 ]; then
  echo "heap dumps: $tag-base.hprof $tag-held.hprof"
fi
