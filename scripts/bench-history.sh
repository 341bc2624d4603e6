#!/usr/bin/env bash
# Publish throughput and latency with customer streams (HERALD_HISTORY_ENABLED) off and on, side by
# side (issue 8): one node, then a 2-node cluster (subscribers on node 1, publisher on node 2, so
# with history on every event also goes through Hazelcast to the member sequencing its customer).
# Off and on alternate, ROUNDS times (this machine's speed drifts between minutes; alternating
# keeps the drift out of the comparison); the table shows each figure's median over the rounds.
# Targeted runs also spread the events over 100 customers (100 streams, on all members' partition
# threads) beside the one-customer worst case.
# Writes $OUT/$NAME.jsonl and $OUT/$NAME.md. Usage: scripts/bench-history.sh [quick]
# Environment: ROUNDS (3), DURATION (10), WARMUP (5), OUT (docs/bench), NAME (history),
# ONLY (a grep pattern: run only the cases whose label matches).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
ulimit -n "$(ulimit -Hn)"
build_tool

SUBSCRIBERS=1000; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-5}; ROUNDS=${ROUNDS:-3}
if [ "${1:-}" = quick ]; then SUBSCRIBERS=50; DURATION=2; WARMUP=1; ROUNDS=1; fi
OUT=${OUT:-docs/bench}; NAME=${NAME:-history}; ONLY=${ONLY:-.}
RESULTS=$BENCH_DIR/$NAME.jsonl
: > "$RESULTS"

measure() { # label, then load-tool options
  local label=$1; shift
  echo "$label" | grep -q -- "$ONLY" || return 0
  echo "== $label" >&2
  run_tool --label "$label" "$@" | tee -a "$BENCH_DIR/history.log" | grep '^RESULT ' | sed 's/^RESULT //' >> "$RESULTS"
}

for round in $(seq 1 "$ROUNDS"); do
for history in false true; do
  export HERALD_HISTORY_ENABLED=$history
  start_herald "history-$history" 18095
  one=(--target herald --secret "$BENCH_SECRET" --urls 127.0.0.1:18095 --server-pids "$LAST_PID"
    --warmup "$WARMUP" --duration "$DURATION")
  measure "history-$history fanout-30" "${one[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate 30
  measure "history-$history fanout-max" "${one[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate max
  measure "history-$history targeted-max" "${one[@]}" --scenario targeted --subscribers $SUBSCRIBERS \
    --rate max --batch 100 --window 2000
  measure "history-$history targeted-max-100-customers" "${one[@]}" --scenario targeted \
    --subscribers $SUBSCRIBERS --customers 100 --rate max --batch 100 --window 2000
  stop_started

  HERALD_EVENT_LOOPS=1 start_herald "history-$history-c1" 18096 15821 ""
  pid1=$LAST_PID
  HERALD_EVENT_LOOPS=1 start_herald "history-$history-c2" 18097 15822 127.0.0.1:15821
  two=(--target herald --secret "$BENCH_SECRET" --urls 127.0.0.1:18096 --publish-urls 127.0.0.1:18097
    --server-pids "$pid1,$LAST_PID" --warmup "$WARMUP" --duration "$DURATION")
  measure "history-$history cluster-fanout-30" "${two[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate 30
  measure "history-$history cluster-targeted-max" "${two[@]}" --scenario targeted --subscribers $SUBSCRIBERS \
    --rate max --batch 100 --window 2000
  measure "history-$history cluster-targeted-max-100-customers" "${two[@]}" --scenario targeted \
    --subscribers $SUBSCRIBERS --customers 100 --rate max --batch 100 --window 2000
  stop_started
done
done

mkdir -p "$OUT"
cp "$RESULTS" "$OUT/$NAME.jsonl"
python3 - "$RESULTS" "$OUT/$NAME.md" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {}
for r in rows:
    history, case = r["label"].split(" ", 1)
    by.setdefault(case, {}).setdefault(history, []).append(r)
def med(runs, key):
    return statistics.median(r[key] for r in runs)
out = ["| case | history | rounds | published/s | delivered/s | p50 ms | p99 ms | p99.9 ms | lost | server cores |",
       "|---|---|---|---|---|---|---|---|---|---|"]
for case, modes in by.items():
    for history in ("history-false", "history-true"):
        runs = modes.get(history)
        if runs:
            out.append(f"| {case} | {'on' if history.endswith('true') else 'off'} | {len(runs)} | "
                       f"{med(runs, 'published_per_s'):,.0f} | {med(runs, 'delivered_per_s'):,.0f} | "
                       f"{med(runs, 'latency_p50_ms'):.2f} | {med(runs, 'latency_p99_ms'):.2f} | "
                       f"{med(runs, 'latency_p999_ms'):.2f} | {sum(r['lost'] for r in runs)} | "
                       f"{med(runs, 'server_cpu_cores'):.2f} |")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
