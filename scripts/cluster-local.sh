#!/usr/bin/env bash
# Runs a local Herald cluster on 127.0.0.1: `start N` starts N nodes (HTTP 8081.., Hazelcast
# 5801..), `status` shows them, `stop` stops exactly the processes `start` recorded.
# State (pids, logs, the shared secret) lives in target/cluster-local/.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/cluster-local
source scripts/lib/wait.sh
HTTP_BASE=${HTTP_BASE:-8081}
HZ_BASE=${HZ_BASE:-5801}

usage() { echo "usage: $0 start N | status | stop" >&2; exit 2; }

start() {
  local count=$1
  [[ "$count" =~ ^[0-9]+$ ]] && (( count >= 1 && count <= 20 )) || { echo "N must be 1..20" >&2; exit 2; }
  if compgen -G "$DIR/node-*.pid" >/dev/null; then echo "already running; '$0 stop' first" >&2; exit 1; fi
  [ -f target/herald.jar ] || mvn -B -q -DskipTests package
  mkdir -p "$DIR"
  [ -f "$DIR/secret" ] || head -c 32 /dev/urandom | base64 | tr -d '\n=' > "$DIR/secret"
  local secret; secret=$(cat "$DIR/secret")
  for i in $(seq 1 "$count"); do
    local http=$((HTTP_BASE + i - 1)) hz=$((HZ_BASE + i - 1)) members=""
    (( i > 1 )) && members="127.0.0.1:$HZ_BASE"
    HERALD_CLUSTER=true HERALD_CLUSTER_NAME=herald-local HERALD_CLUSTER_HOST=127.0.0.1 \
    HERALD_CLUSTER_PORT=$hz HERALD_CLUSTER_MEMBERS=$members HERALD_JWT_SECRET=$secret \
    HERALD_HTTP_HOST=127.0.0.1 HERALD_HTTP_PORT=$http HERALD_EVENT_LOOPS=${HERALD_EVENT_LOOPS:-1} \
    HERALD_CONTROL_RATE=${HERALD_CONTROL_RATE:-50} HERALD_CONTROL_BURST=${HERALD_CONTROL_BURST:-100} \
      nohup java ${JAVA_OPTS:--Xmx512m} -jar target/herald.jar > "$DIR/node-$i.log" 2>&1 &
    echo $! > "$DIR/node-$i.pid"
    # The first node must be up before the others can join through it.
    if (( i == 1 )); then wait_ready "$http" 60 || { echo "see $DIR/" >&2; exit 1; }; fi
  done
  for i in $(seq 1 "$count"); do wait_ready $((HTTP_BASE + i - 1)) 60 || { echo "see $DIR/" >&2; exit 1; }; done
  local customer; customer=$(cat /proc/sys/kernel/random/uuid)
  local admin service super
  admin=$(java -cp target/herald.jar io.herald.auth.TokenIssuer "$secret" admin "$customer")
  service=$(java -cp target/herald.jar io.herald.auth.TokenIssuer "$secret" service)
  super=$(java -cp target/herald.jar io.herald.auth.TokenIssuer "$secret" super "$customer")
  echo
  echo "$count node(s) up. Secret: $DIR/secret   Logs: $DIR/node-*.log"
  for i in $(seq 1 "$count"); do echo "  node $i: ws://127.0.0.1:$((HTTP_BASE + i - 1))/v1.0/ws?token=<token>"; done
  echo
  echo "Admin token for customer $customer:"; echo "  $admin"
  echo "Service token (publish to any node):"; echo "  $service"
  echo "Routing state:  curl -s -H 'Authorization: Bearer $super' http://127.0.0.1:$HTTP_BASE/v1.0/admin/cluster"
  echo "Publish:        curl -s -X POST http://127.0.0.1:$HTTP_BASE/v1.0/events -H 'Authorization: Bearer $service' \\"
  echo "                  -d '{\"type\":\"call_updated\",\"topic\":\"customer_id:$customer:call:1\",\"data\":{}}'"
}


status() {
  compgen -G "$DIR/node-*.pid" >/dev/null || { echo "no local cluster running"; return 0; }
  for pidfile in "$DIR"/node-*.pid; do
    local i=${pidfile##*node-}; i=${i%.pid}
    local pid; pid=$(cat "$pidfile")
    local ready; ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((HTTP_BASE + i - 1))/health/ready" || true)
    echo "node $i: pid $pid $(kill -0 "$pid" 2>/dev/null && echo alive || echo gone), ready=$ready"
  done
}

stop() {
  compgen -G "$DIR/node-*.pid" >/dev/null || { echo "no local cluster running"; return 0; }
  for pidfile in "$DIR"/node-*.pid; do
    local pid; pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pidfile in "$DIR"/node-*.pid; do
    local pid; pid=$(cat "$pidfile")
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  echo "stopped"
}

case "${1:-}" in
  start) [ $# -eq 2 ] || usage; start "$2" ;;
  status) status ;;
  stop) stop ;;
  *) usage ;;
esac
