#!/usr/bin/env bash
# User status fan-out: N users of one tenant online over the WebSocket, each watching the whole tenant
# (`subscribe` with resource_type users), and a steady rate of status changes spread over distinct users
# (a user changes at most every N / rate seconds, far outside the 5 s per-user limit); every change goes
# to all N watchers, so deliveries per second = rate x N (250,000/s for 5,000 users at 50/s).
# Starts one node (memory store, its own WebSocket listener as docs/operations.md recommends for many
# connections) on loopback ports, runs bench/fanout/status-load.mjs against it (Node 20, its connections
# spread over BENCH_WORKERS processes), prints the loader's JSON and a one-line summary, and stops
# everything it started. The node's log and the JSON go to bench/target/status/<label>/.
#
# Usage: bench/run-status.sh [users=5000] [changes per second=50] [seconds=30]
# Environment:
#   BENCH_PEERS             the peers' folder, for its token minter (default ../shared/peers beside the repository)
#   BENCH_DIST              an unpacked distribution (default dist/target/presence, built if missing)
#   BENCH_STATUS_PORT_BASE  the node's HTTP port; its WebSocket listener on the next one (default 18710)
#   BENCH_NODE_OPTS         PRESENCE_JAVA_OPTS of the node (default: the launcher's, a 1 GB pre-touched heap)
#   BENCH_LOADER            node (default: bench/fanout/status-load.mjs) or java (bench/src/main/java/io/presence/bench/StatusLoad.java,
#                           one JDK thread reading every connection: the same load and JSON for less of the machine's CPU)
#   BENCH_WORKERS           loader processes (default 2); BENCH_INFLIGHT connections opening at once (100)
#   BENCH_NODE_CPUS, BENCH_LOADER_CPUS  CPU lists (taskset -c) to keep the node and the loader apart, e.g. 0 and 1
#   BENCH_WARMUP            seconds of changes before the measured ones, to warm the node up (default 10)
#   BENCH_RUN_LIMIT         seconds the loader may run before it is stopped (default 600)
#   BENCH_LABEL             the results folder's name (default the start time)
set -euo pipefail
cd "$(dirname "$0")/.."
users="${1:-5000}"
rate="${2:-50}"
seconds="${3:-30}"
peers="${BENCH_PEERS:-$(cd .. && pwd)/shared/peers}"
dist="${BENCH_DIST:-dist/target/presence}"
node_port="${BENCH_STATUS_PORT_BASE:-18710}"
ws_port=$((node_port + 1))
out="bench/target/status/${BENCH_LABEL:-$(date +%Y%m%d-%H%M%S)}"
command -v node >/dev/null && [ -f "$peers/mint.mjs" ] || { echo "needs node 20 and the peers in $peers" >&2; exit 1; }

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > users + 200 )) || echo "warning: open files limited to $(ulimit -n) for $users connections" >&2

[ -x "$dist/bin/presence" ] || mvn -q -B package -DskipTests
mkdir -p "$out"
tmp="$(mktemp -d /tmp/presence-status.XXXXXX)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

mkdir "$tmp/mint" "$tmp/loader" "$tmp/keys"
cp bench/fanout/mint.mjs "$peers/package.json" "$tmp/mint/" # the peers' minter with an issuer
cp bench/fanout/package.json bench/fanout/package-lock.json bench/fanout/status-load.mjs bench/fanout/raw-ws.mjs "$tmp/loader/"
(cd "$tmp/mint" && timeout 300 npm install --no-audit --no-fund --loglevel=error >/dev/null)
[ "${BENCH_LOADER:-node}" = java ] || (cd "$tmp/loader" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node "$tmp/mint/mint.mjs" "$tmp/keys" "$users" bench > "$tmp/tokens"

node_pin=() loader_pin=()
[ -z "${BENCH_NODE_CPUS:-}" ] || node_pin=(taskset -c "$BENCH_NODE_CPUS")
[ -z "${BENCH_LOADER_CPUS:-}" ] || loader_pin=(taskset -c "$BENCH_LOADER_CPUS")
node_env=()
[ -z "${BENCH_NODE_OPTS:-}" ] || node_env=("PRESENCE_JAVA_OPTS=$BENCH_NODE_OPTS")
env "${node_env[@]}" PRESENCE_PORT="$node_port" PRESENCE_WS_PORT="$ws_port" \
  PRESENCE_NODE_ID=bench-status PRESENCE_JWT_PUBLIC_KEY_LOCATION="$tmp/keys/public.pem" PRESENCE_JWT_ISSUER=presence-bench \
  PRESENCE_ROOT_DIR="$PWD/bench/target/status/node-root-$node_port" "${node_pin[@]}" "$dist/bin/presence" > "$out/node.log" 2>&1 &
node_pid=$! # the launcher execs the JVM, so this is the node's process
pids+=("$node_pid")
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$node_port/health/ready" >/dev/null && break
  kill -0 "$node_pid" 2>/dev/null || break
  sleep 1
done
curl -sf "http://127.0.0.1:$node_port/health/ready" >/dev/null || { echo "the node did not start; see $out/node.log" >&2; exit 1; }

echo "user status: $users users watching the tenant, $rate changes/s for ${BENCH_WARMUP:-10} s of warm-up and $seconds s measured ($((users * rate)) deliveries/s);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${BENCH_LOADER:-node}" = java ]; then
  "${loader_pin[@]}" timeout "${BENCH_RUN_LIMIT:-600}" java -Xms1g -Xmx1g bench/src/main/java/io/presence/bench/StatusLoad.java \
    --url "ws://127.0.0.1:$ws_port" --tokens "$tmp/tokens" --n "$users" --rate "$rate" --seconds "$seconds" \
    --warmup-seconds "${BENCH_WARMUP:-10}" --pid "$node_pid" > "$out/result.json"
else
  "${loader_pin[@]}" timeout "${BENCH_RUN_LIMIT:-600}" node "$tmp/loader/status-load.mjs" --url "ws://127.0.0.1:$ws_port" --tokens "$tmp/tokens" \
    --n "$users" --rate "$rate" --seconds "$seconds" --warmup-seconds "${BENCH_WARMUP:-10}" --workers "${BENCH_WORKERS:-2}" --inflight "${BENCH_INFLIGHT:-100}" \
    --pid "$node_pid" > "$out/result.json"
fi
cat "$out/result.json"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`\ndelivery p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms ` +
  `(first arrival of each change: p50 ${r.firstArrivalMs.p50} ms, p99 ${r.firstArrivalMs.p99} ms); ` +
  `${r.deliveries.got} of ${r.deliveries.expected} delivered (${r.deliveries.perSecond}/s); node CPU ${r.nodeCpuSeconds} s ` +
  `over ${r.phaseSeconds} s (${r.nodeCores} cores); loader ${r.loaderWorkerCpuSeconds} s`);' "$out/result.json"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw JSON: $out/result.json"
