#!/usr/bin/env bash
# The routing simulation behind docs/scaling.md: Herald's real interest and routing classes with
# simulated nodes in one JVM. Usage: scripts/scaling-sim.sh [nodes] [connections-per-node]
#   [customers] [admin-share] [exact|scope]. Full scale (100 x 100000) needs about 16 GB of heap.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-classpath.sh
test_classpath
CP=$TEST_CP
exec java ${JAVA_OPTS:--Xmx18g -XX:+UseParallelGC} -cp "$CP" io.herald.bench.ScalingSimulation \
  "${1:-100}" "${2:-10000}" "${3:-10000}" "${4:-0.1}" "${5:-exact}"
