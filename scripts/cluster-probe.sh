#!/usr/bin/env bash
# Cluster figures for docs/benchmarks.md: starts a local 3-node cluster (control-frame limit
# raised for the churn figure), runs the ClusterProbe client, stops the nodes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/herald.jar ] || mvn -B -q -DskipTests package
source scripts/lib/test-classpath.sh
test_classpath
CP=$TEST_CP
trap 'scripts/cluster-local.sh stop >/dev/null' EXIT
HERALD_CONTROL_RATE=100000 HERALD_CONTROL_BURST=100000 scripts/cluster-local.sh start 3 >/dev/null
java -cp "$CP" io.herald.bench.ClusterProbe "$(cat target/cluster-local/secret)" \
  "${HTTP_BASE:-8081}" "$(( ${HTTP_BASE:-8081} + 1 ))" "$(( ${HTTP_BASE:-8081} + 2 ))"
