#!/usr/bin/env bash
# REST heartbeat benchmark: builds the distribution, starts a private Redis and one node with the Redis
# store on loopback ports, drives heartbeats and the no-op endpoint, prints a Markdown table, and stops
# everything it started. Usage: bench/run-rest.sh [seconds=15] [threads=32] [records=1000]
# BENCH_DIST points at another unpacked distribution (default dist/target/presence), e.g. to compare builds;
# BENCH_REDIS_PORT / BENCH_NODE_PORT move the ports; BENCH_NO_BUILD=1 skips building the generator;
# BENCH_SERVER_CPUS / BENCH_GENERATOR_CPUS (taskset lists, e.g. 0 and 1) pin node+Redis and generator apart.
set -euo pipefail
cd "$(dirname "$0")/.."
redis_port="${BENCH_REDIS_PORT:-18090}"
node_port="${BENCH_NODE_PORT:-18091}"

dist="${BENCH_DIST:-dist/target/presence}"
[ -x "$dist/bin/presence" ] || mvn -q -B package -DskipTests
[ -n "${BENCH_NO_BUILD:-}" ] || mvn -q -B -o -pl bench -am package -DskipTests -Dspotless.check.skip=true dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null

server_pin=() generator_pin=()
[ -z "${BENCH_SERVER_CPUS:-}" ] || server_pin=(taskset -c "$BENCH_SERVER_CPUS")
[ -z "${BENCH_GENERATOR_CPUS:-}" ] || generator_pin=(taskset -c "$BENCH_GENERATOR_CPUS")

source bench/rest-node.sh

"${generator_pin[@]}" java ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.presence.bench.RestHeartbeatBenchmark \
  "http://127.0.0.1:$node_port/" "redis://127.0.0.1:$redis_port" "$@"
