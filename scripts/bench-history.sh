#!/usr/bin/env bash
# Publish throughput and latency with customer streams (HERALD_HISTORY_ENABLED) off and on, side by
# side (issue 8): one node, then a 2-node cluster (subscribers on node 1, publisher on node 2, so
# with history on every event also goes through Hazelcast to the member sequencing its customer).
# Writes $OUT/history.jsonl and $OUT/history.md. Usage: scripts/bench-history.sh [quick]
# Environment: DURATION (10), WARMUP (5), OUT (docs/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
ulimit -n "$(ulimit -Hn)"
build_tool

SUBSCRIBERS=1000; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-5}
if [ "${1:-}" = quick ]; then SUBSCRIBERS=50; DURATION=2; WARMUP=1; fi
OUT=${OUT:-docs/bench}
RESULTS=$BENCH_DIR/history.jsonl
: > "$RESULTS"

measure() { # label, then load-tool options
  local label=$1; shift
  echo "== $label" >&2
  run_tool --label "$label" "$@" | tee -a "$BENCH_DIR/history.log" | grep '^RESULT ' | sed 's/^RESULT //' >> "$RESULTS"
}

for history in false true; do
  export HERALD_HISTORY_ENABLED=$history
  start_herald "history-$history" 18095
  one=(--target herald --secret "$BENCH_SECRET" --urls 127.0.0.1:18095 --server-pids "$LAST_PID"
    --warmup "$WARMUP" --duration "$DURATION")
  measure "history-$history fanout-30" "${one[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate 30
  measure "history-$history fanout-max" "${one[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate max
  measure "history-$history targeted-max" "${one[@]}" --scenario targeted --subscribers $SUBSCRIBERS \
    --rate max --batch 100 --window 2000
  stop_started

  HERALD_EVENT_LOOPS=1 start_herald "history-$history-c1" 18096 15821 ""
  pid1=$LAST_PID
  HERALD_EVENT_LOOPS=1 start_herald "history-$history-c2" 18097 15822 127.0.0.1:15821
  two=(--target herald --secret "$BENCH_SECRET" --urls 127.0.0.1:18096 --publish-urls 127.0.0.1:18097
    --server-pids "$pid1,$LAST_PID" --warmup "$WARMUP" --duration "$DURATION")
  measure "history-$history cluster-fanout-30" "${two[@]}" --scenario fanout --subscribers $SUBSCRIBERS --rate 30
  measure "history-$history cluster-targeted-max" "${two[@]}" --scenario targeted --subscribers $SUBSCRIBERS \
    --rate max --batch 100 --window 2000
  stop_started
done

mkdir -p "$OUT"
cp "$RESULTS" "$OUT/history.jsonl"
python3 - "$RESULTS" "$OUT/history.md" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {}
for r in rows:
    history, case = r["label"].split(" ", 1)
    by.setdefault(case, {})[history] = r
out = ["| case | history | published/s | delivered/s | p50 ms | p99 ms | p99.9 ms | lost | server cores |",
       "|---|---|---|---|---|---|---|---|---|"]
for case, runs in by.items():
    for history in ("history-false", "history-true"):
        r = runs.get(history)
        if r:
            out.append(f"| {case} | {'on' if history.endswith('true') else 'off'} | {r['published_per_s']:,} | "
                       f"{r['delivered_per_s']:,} | {r['latency_p50_ms']} | {r['latency_p99_ms']} | "
                       f"{r['latency_p999_ms']} | {r['lost']} | {r['server_cpu_cores']} |")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
