#!/usr/bin/env bash
# Shows each node of the local cluster (scripts/cluster-local.sh): readiness with its checks,
# members, interest, connections and events, from the admin and metrics endpoints.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/cluster-local
HTTP_BASE=${HTTP_BASE:-8081}
compgen -G "$DIR/node-*.pid" >/dev/null || { echo "no local cluster running (scripts/cluster-local.sh start N)"; exit 0; }
SUPER=$(java -cp target/herald.jar io.herald.auth.TokenIssuer "$(cat "$DIR/secret")" super)
for pidfile in "$DIR"/node-*.pid; do
  i=${pidfile##*node-}; i=${i%.pid}
  port=$((HTTP_BASE + i - 1))
  echo "== node $i (pid $(cat "$pidfile"), http://127.0.0.1:$port)"
  curl -s "http://127.0.0.1:$port/health/ready" | sed 's/^/   ready: /'; echo
  curl -s -H "Authorization: Bearer $SUPER" "http://127.0.0.1:$port/v1.0/admin/cluster" \
    | tr -d '\n' | sed 's/  */ /g; s/^/   cluster: /'; echo
  curl -s "http://127.0.0.1:$port/metrics" \
    | grep -E '^herald_(connections_open|events_accepted_total|events_forwarded_total|frames_delivered_total|interest_prefixes|cluster_members) ' \
    | sed 's/^/   /'
done
