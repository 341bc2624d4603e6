#!/usr/bin/env bash
# First throughput figure for one node: starts target/herald.jar on 127.0.0.1, runs the simple
# FanoutProbe client against it (default 1000 subscribers to one prefix, 10 s of publishing),
# then stops the node it started. Usage: scripts/fanout-probe.sh [subscribers] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SUBSCRIBERS=${1:-1000}
SECONDS_TO_RUN=${2:-10}
PORT=${PORT:-18080}
SECRET="probe-secret-$(date +%s%N)-0123456789abcdefghij"

[ -f target/herald.jar ] || mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/classpath.txt)"

HERALD_HTTP_HOST=127.0.0.1 HERALD_HTTP_PORT=$PORT HERALD_JWT_SECRET=$SECRET HERALD_EVENT_LOOPS=${HERALD_EVENT_LOOPS:-2} \
  java -Xmx1g -jar target/herald.jar > target/fanout-probe-node.log 2>&1 &
NODE_PID=$!
trap 'kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  sleep 0.2
done
java -Xmx1g -cp "$CP" io.herald.bench.FanoutProbe 127.0.0.1 "$PORT" "$SECRET" "$SUBSCRIBERS" "$SECONDS_TO_RUN"
