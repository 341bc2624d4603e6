#!/usr/bin/env bash
# Herald side by side with NATS and Mosquitto, in one run on this machine: installs nats-server and
# mosquitto with apt when missing, starts each server on 127.0.0.1 in turn, runs the same load-tool
# scenarios against it, stops it, and writes target/bench/results.jsonl, a Markdown table and
# SVG charts (scripts/bench-report.py). Then a 2-node Herald cluster for the cross-node figures.
# Usage: scripts/bench-peers.sh [quick]     quick: small and short, to check the script itself.
# Environment: IDLE_CONNECTIONS (19000), DURATION (10), WARMUP (5), OUT (docs/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
ulimit -n "$(ulimit -Hn)"

if ! command -v nats-server >/dev/null || ! command -v mosquitto >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nats-server mosquitto >/dev/null
fi
build_tool

QUICK=${1:-}
SUBSCRIBERS=1000; IDLE=${IDLE_CONNECTIONS:-19000}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-5}
CHURN_CLIENTS=50
if [ "$QUICK" = quick ]; then SUBSCRIBERS=50; IDLE=200; DURATION=2; WARMUP=1; CHURN_CLIENTS=5; fi
RESULTS=$BENCH_DIR/results.jsonl
: > "$RESULTS"
SOURCES=127.0.0.2-127.0.0.50

measure() { # label, then load-tool options
  local label=$1; shift
  echo "== $label" >&2
  run_tool --label "$label" "$@" | tee -a "$BENCH_DIR/run.log" | grep '^RESULT ' | sed 's/^RESULT //' >> "$RESULTS"
}

# The scenarios every server gets, against URL (with the options that select it).
scenarios() { # target url pid extra-options...
  local target=$1 url=$2 pid=$3; shift 3
  local common=(--target "$target" --urls "$url" --server-pids "$pid" --warmup "$WARMUP" --duration "$DURATION" "$@")
  measure fanout-max "${common[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate max
  measure fanout-30 "${common[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate 30
  measure targeted-max "${common[@]}" --scenario targeted --subscribers $SUBSCRIBERS --rate max --batch 100 --window 2000
  measure churn "${common[@]}" --scenario churn --clients $CHURN_CLIENTS
}

# Idle connections get a freshly started server each, so its memory baseline is clean.
idle() { # target url pid extra-options...
  local target=$1 url=$2 pid=$3; shift 3
  measure idle --target "$target" --urls "$url" --server-pids "$pid" --scenario idle \
    --connections "$IDLE" --source-addresses "$SOURCES" "$@"
}

start_herald herald 18090
scenarios herald 127.0.0.1:18090 "$LAST_PID" --secret "$BENCH_SECRET"
stop_started
# The heap is touched in full at start (AlwaysPreTouch), so RSS growth is native memory only
# and the live heap per connection is measured after a full GC.
HERALD_JAVA_OPTS=${IDLE_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch} start_herald herald-idle 18090
idle herald 127.0.0.1:18090 "$LAST_PID" --secret "$BENCH_SECRET" --server-jvm true
stop_started

start_nats nats 18222 18422
scenarios nats 127.0.0.1:18222 "$LAST_PID"
stop_started
start_nats nats-idle 18222 18422
idle nats 127.0.0.1:18222 "$LAST_PID"
stop_started

start_mosquitto mosquitto 18883 18884
scenarios mosquitto 127.0.0.1:18883 "$LAST_PID"
stop_started
start_mosquitto mosquitto-idle 18883 18884
idle mosquitto 127.0.0.1:18883 "$LAST_PID"
stop_started

# Two Herald nodes: subscribers on node 1, the publisher on node 2, so every delivery crosses.
# One event loop each: the two nodes share the machine's two cores.
HERALD_EVENT_LOOPS=1 start_herald cluster-1 18091 15811 ""
pid1=$LAST_PID
HERALD_EVENT_LOOPS=1 start_herald cluster-2 18092 15812 127.0.0.1:15811
pids="$pid1,$LAST_PID"
cluster=(--target herald --secret "$BENCH_SECRET" --urls 127.0.0.1:18091 --publish-urls 127.0.0.1:18092
  --server-pids "$pids" --warmup "$WARMUP" --duration "$DURATION")
measure cluster-fanout-30 "${cluster[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate 30
measure cluster-fanout-max "${cluster[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate max
measure cluster-churn --target herald --secret "$BENCH_SECRET" --urls 127.0.0.1:18091,127.0.0.1:18092 \
  --server-pids "$pids" --warmup "$WARMUP" --duration "$DURATION" --scenario churn --clients $CHURN_CLIENTS
stop_started

python3 scripts/bench-report.py "$RESULTS" "${OUT:-docs/bench}"
