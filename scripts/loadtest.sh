#!/usr/bin/env bash
# Herald's load tool (src/test/java/io/herald/loadtest). Usage:
#   scripts/loadtest.sh [--scenario fanout|targeted|idle|churn] [--rate max|N] [--subscribers S] ...
# Against running servers pass --urls host:port[,..] (and --target nats|mosquitto, --secret for
# Herald). With --target herald and no --urls it starts one local node itself (or, with
# NODES=2, a two-node cluster: subscribers on node 1, publisher on node 2), measures its CPU and
# memory, and stops it at the end. Prints one RESULT JSON line and a summary; see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
ulimit -n "$(ulimit -Hn)"
build_tool

args=("$@")
if [[ " $* " != *" --urls "* ]] && [[ " $* " != *" --target nats "* ]] && [[ " $* " != *" --target mosquitto "* ]]; then
  port=${PORT:-18090}
  if [ "${NODES:-1}" = 2 ]; then
    start_herald loadtest-node-1 "$port" 15801 ""
    pid1=$LAST_PID
    start_herald loadtest-node-2 $((port + 1)) 15802 127.0.0.1:15801
    args+=(--urls "127.0.0.1:$port" --publish-urls "127.0.0.1:$((port + 1))" --server-pids "$pid1,$LAST_PID")
  else
    start_herald loadtest-node "$port"
    args+=(--urls "127.0.0.1:$port" --server-pids "$LAST_PID")
  fi
  args+=(--secret "$BENCH_SECRET" --server-jvm true)
fi
run_tool "${args[@]}"
