#!/usr/bin/env bash
# WebSocket fan-out, Presence beside the Socket.IO peer (shared/peers) in one run, with the same load shape
# and the same load-generator runtime (Node): N connections on one server, connection i a member of room
# i % (N / room size), at most 100 opening at once; after the ramp a 2 s pause, then changes at 20 per second,
# each delivered to the room's other members. Starts the Socket.IO peer and one Presence node (memory
# store, the node's own WebSocket listener, PRESENCE_WS_PORT, which docs/operations.md recommends for
# many connections) on loopback ports, warms both up with one untimed run per room size, then per room
# size runs the peer's loader (sio-load.js) and bench/fanout/presence-load.mjs one after the other
# (alternating which goes first), and stops everything it started.
#
# Prints two Markdown tables: per room size the p99s side by side (join-burst: a member's join send to
# its arrival at each member already present; change: a change's send to its arrival at each other
# member), change deliveries got/expected (changes x (room size - 1)) and the connections Presence closed
# (by close code; 4008 = slow consumer); then per run p50/p90/p99/max of both, the sustained deliveries
# per second of the change phase, and server RSS. For Socket.IO a change is the peer's probe (leave and
# join again, the join timed); for Presence a `presence` update with a new active field. Presence's RSS is
# mostly its heap, which the launcher's default options take and touch whole at start (1 GB).
# Both servers, both loaders and whatever else runs share the machine's cores: the tables give the CPU
# each used, and notes under them say when the Presence loader itself fell behind.
# Raw JSON of every run: bench/target/fanout/<label>/{presence,sio}-<size>.json (warm-up: warm-*.json).
#
# Usage: bench/run-fanout.sh [connections=4000] [room sizes="10 100 500"] [changes=200]
# Each room size must divide the connections. Environment:
#   BENCH_PEERS                 the peers' folder (default ../shared/peers beside the repository)
#   BENCH_DIST                  an unpacked distribution (default dist/target/presence, built if missing)
#   BENCH_FANOUT_PORT_BASE      Socket.IO on this port, the node's HTTP and WebSocket listeners on the next two
#                               (default 18700)
#   BENCH_NODE_OPTS             PRESENCE_JAVA_OPTS of the node (default: the launcher's, a 1 GB pre-touched heap)
#   BENCH_WARMUP_CONNECTIONS    connections of the warm-up runs (default half the connections when every room
#                               size divides that, else all); BENCH_WARMUP_CHANGES (default 60)
#   BENCH_PROBE_RATE            changes per second (default 20); BENCH_INFLIGHT connections opening at once (100)
#   BENCH_RUN_LIMIT             seconds a loader may run before it is stopped (default 480)
#   BENCH_LABEL                 the results folder's name (default the start time)
set -euo pipefail
cd "$(dirname "$0")/.."
conns="${1:-4000}"
read -r -a sizes <<< "${2:-10 100 500}"
probes="${3:-200}"
rate="${BENCH_PROBE_RATE:-20}"
inflight="${BENCH_INFLIGHT:-100}"
limit="${BENCH_RUN_LIMIT:-480}"
peers="${BENCH_PEERS:-$(cd .. && pwd)/shared/peers}"
dist="${BENCH_DIST:-dist/target/presence}"
sio_port="${BENCH_FANOUT_PORT_BASE:-18700}"
node_port=$((sio_port + 1))
ws_port=$((sio_port + 2))
out="bench/target/fanout/${BENCH_LABEL:-$(date +%Y%m%d-%H%M%S)}"
for size in "${sizes[@]}"; do
  (( conns % size == 0 )) || { echo "room size $size does not divide $conns connections" >&2; exit 1; }
done
warm_conns="${BENCH_WARMUP_CONNECTIONS:-$((conns / 2))}"
for size in "${sizes[@]}"; do (( warm_conns % size == 0 )) || warm_conns="${BENCH_WARMUP_CONNECTIONS:-$conns}"; done
warm_probes="${BENCH_WARMUP_CHANGES:-60}"
command -v node >/dev/null && [ -x /usr/bin/time ] && [ -f "$peers/sio-load.js" ] \
  || { echo "needs node 20, /usr/bin/time (apt-get install time) and the peers in $peers" >&2; exit 1; }

# Every connection is a file descriptor in the loader and one in the server.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > conns + 200 )) || echo "warning: open files limited to $(ulimit -n) for $conns connections" >&2

[ -x "$dist/bin/presence" ] || mvn -q -B package -DskipTests
mkdir -p "$out"
tmp="$(mktemp -d /tmp/presence-fanout.XXXXXX)"
pids=()
loader_pid=""
cleanup() { kill ${loader_pid:+"$loader_pid"} "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# The peer and both loaders' dependencies go into a temporary folder (shared/ may be read-only).
cp -r "$peers" "$tmp/peers" && chmod -R u+w "$tmp/peers"
mkdir "$tmp/loader" && cp bench/fanout/package.json bench/fanout/package-lock.json bench/fanout/presence-load.mjs "$tmp/loader/"
(cd "$tmp/peers" && timeout 300 npm install --no-audit --no-fund --loglevel=error >/dev/null)
(cd "$tmp/loader" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# One token per connection (sub u0..uN-1, tenant bench, issuer presence-bench), signed by a key the node is given.
mkdir "$tmp/keys"
cp bench/fanout/mint.mjs "$tmp/peers/presence-mint.mjs"
node "$tmp/peers/presence-mint.mjs" "$tmp/keys" "$conns" bench > "$tmp/tokens"

node "$tmp/peers/sio-presence.js" "$sio_port" > "$out/sio-server.log" 2>&1 &
sio_pid=$!
pids+=("$sio_pid")
node_env=()
[ -z "${BENCH_NODE_OPTS:-}" ] || node_env=("PRESENCE_JAVA_OPTS=$BENCH_NODE_OPTS")
env "${node_env[@]}" PRESENCE_PORT="$node_port" PRESENCE_WS_PORT="$ws_port" \
  PRESENCE_NODE_ID=bench-fanout PRESENCE_JWT_PUBLIC_KEY_LOCATION="$tmp/keys/public.pem" PRESENCE_JWT_ISSUER=presence-bench \
  PRESENCE_ROOT_DIR="$PWD/bench/target/fanout/node-root-$node_port" "$dist/bin/presence" > "$out/node.log" 2>&1 &
node_pid=$! # the launcher execs the JVM, so this is the node's process
pids+=("$node_pid")
ready() { curl -sf "http://127.0.0.1:$node_port/health/ready" >/dev/null && curl -sf "http://127.0.0.1:$sio_port/stats" >/dev/null; }
for _ in $(seq 1 180); do
  ready && break
  kill -0 "$node_pid" "$sio_pid" 2>/dev/null || break
  sleep 1
done
ready || { echo "a server did not start within 180 s; see $out/node.log and $out/sio-server.log" >&2; exit 1; }

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # CPU time of a process so far, in clock ticks
settle() { # waits (at most 60 s) until both servers used under a tenth of a core in a second: the
  # previous run's connections have closed and their leaves have been sent
  local hz s n
  hz="$(getconf CLK_TCK)"
  for _ in $(seq 1 60); do
    s=$(ticks "$sio_pid") n=$(ticks "$node_pid")
    sleep 1
    (( ($(ticks "$sio_pid") - s) * 10 < hz && ($(ticks "$node_pid") - n) * 10 < hz )) && return
  done
  return 0
}
run() { # run <presence|sio> <size> <changes> <file> [connections]: one loader run; its JSON in <file>, the
  # CPU seconds the server and the loader used meanwhile in <file>.cpu (both share the machine's cores)
  local n="${5:-$conns}" server_pid=$node_pid server_before name=Presence
  local loader=(timeout "$limit" /usr/bin/time -f '%U %S' -o "$4.time" node) # timeout stops the whole group
  [ "$1" = presence ] || { server_pid=$sio_pid; name=Socket.IO; }
  server_before=$(ticks "$server_pid")
  if [ "$1" = sio ]; then
    "${loader[@]}" "$tmp/peers/sio-load.js" --url "http://127.0.0.1:$sio_port" --n "$n" --rooms $((n / $2)) \
      --probes "$3" --probe-rate "$rate" --inflight "$inflight" > "$4" 2> "$4.err" &
  else
    "${loader[@]}" "$tmp/loader/presence-load.mjs" --url "ws://127.0.0.1:$ws_port" --tokens "$tmp/tokens" --n "$n" \
      --rooms $((n / $2)) --probes "$3" --probe-rate "$rate" --inflight "$inflight" --pid "$node_pid" \
      --run "$(basename "$4" .json)" --ramp-seconds 240 --drain-seconds 15 > "$4" 2> "$4.err" &
  fi
  loader_pid=$!
  wait "$loader_pid" || echo "$name run $4 did not finish (exit $?; stopped after $limit s?)" >&2
  loader_pid=""
  [ -s "$4.err" ] || rm -f "$4.err"
  echo "$(($(ticks "$server_pid") - server_before)) $(getconf CLK_TCK) $(tail -1 "$4.time" 2>/dev/null)" \
    | awk '{ printf "%.1f %.1f\n", $1 / $2, $3 + $4 }' > "$4.cpu"
  rm -f "$4.time"
  settle
}

echo "fan-out: $conns connections, room sizes ${sizes[*]}, $probes changes at $rate/s, $inflight opening at once;" \
  "Presence on its own WebSocket listener (PRESENCE_WS_PORT), memory store; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warming up: one run of each room size with $warm_conns connections and $warm_probes changes per server"
for size in "${sizes[@]}"; do
  run sio "$size" "$warm_probes" "$out/warm-sio-$size.json" "$warm_conns"
  run presence "$size" "$warm_probes" "$out/warm-presence-$size.json" "$warm_conns"
done
first=sio
for size in "${sizes[@]}"; do
  echo "$first" > "$out/order-$size"
  if [ "$first" = sio ]; then
    run sio "$size" "$probes" "$out/sio-$size.json"
    run presence "$size" "$probes" "$out/presence-$size.json"
    first=presence
  else
    run presence "$size" "$probes" "$out/presence-$size.json"
    run sio "$size" "$probes" "$out/sio-$size.json"
    first=sio
  fi
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
node bench/fanout/report.mjs "$out" "$probes" "$rate" "${sizes[@]}"
echo
echo "raw JSON: $out/"
