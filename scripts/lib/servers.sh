# Shared by the load-test scripts: build the load tool, start servers on 127.0.0.1 and stop
# exactly the processes this script started (by PID, on exit). Source it; do not run it.

source "$(dirname "${BASH_SOURCE[0]}")/wait.sh"
source "$(dirname "${BASH_SOURCE[0]}")/test-classpath.sh"

STARTED_PIDS=()
BENCH_DIR=${BENCH_DIR:-target/bench}
mkdir -p "$BENCH_DIR"

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}
trap stop_started EXIT

# The load tool runs from the test classpath (it lives in src/test/java/io/herald/loadtest).
build_tool() {
  [ -f target/herald.jar ] && [ -z "${REBUILD:-}" ] || mvn -B -q -DskipTests package
  test_classpath
  TOOL_CP=$TEST_CP
}

run_tool() {
  java ${TOOL_JAVA_OPTS:--Xmx2g} -cp "$TOOL_CP" io.herald.loadtest.LoadTest "$@"
}

BENCH_SECRET=${BENCH_SECRET:-$(head -c 32 /dev/urandom | base64 | tr -d '\n=')}

# start_herald NAME HTTP_PORT [HZ_PORT SEED]: one node; with HZ_PORT it joins a cluster.
# Limits are raised so that the load tool, not a quota, is what a run measures.
start_herald() {
  local name=$1 port=$2 hz=${3:-} seed=${4:-}
  local cluster=false
  [ -n "$hz" ] && cluster=true
  HERALD_CLUSTER=$cluster HERALD_CLUSTER_NAME="bench-$$" HERALD_CLUSTER_HOST=127.0.0.1 \
  HERALD_CLUSTER_PORT=${hz:-5701} HERALD_CLUSTER_MEMBERS=$seed \
  HERALD_HTTP_HOST=127.0.0.1 HERALD_HTTP_PORT="$port" HERALD_JWT_SECRET="$BENCH_SECRET" \
  HERALD_MAX_CONNECTIONS_PER_CUSTOMER=100000 HERALD_CONTROL_RATE=100000 HERALD_CONTROL_BURST=100000 \
  HERALD_LOG_FORMAT=text \
    java ${HERALD_JAVA_OPTS:--Xms1g -Xmx1g} -jar target/herald.jar > "$BENCH_DIR/$name.log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
  wait_ready "$port" 90
}

start_nats() { # NAME WS_PORT CLIENT_PORT
  local name=$1 ws=$2 client=$3
  cat > "$BENCH_DIR/$name.conf" <<CONF
listen: 127.0.0.1:$client
max_payload: 1048576
websocket {
  listen: "127.0.0.1:$ws"
  no_tls: true
  compression: false
}
CONF
  nats-server -c "$BENCH_DIR/$name.conf" > "$BENCH_DIR/$name.log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
  wait_tcp 127.0.0.1 "$ws" 30
}

# Mosquitto 2.0.11 (Debian 12) exits with "Unable to start any listening sockets" when its only
# listener is a WebSocket one, so a plain MQTT listener on MQTT_PORT comes first. Its WebSocket
# listener binds to an interface name (libwebsockets ignores an IP there): lo is 127.0.0.1.
start_mosquitto() { # NAME WS_PORT MQTT_PORT
  local name=$1 ws=$2 mqtt=$3
  cat > "$BENCH_DIR/$name.conf" <<CONF
per_listener_settings false
allow_anonymous true
persistence false
max_queued_messages 100000
listener $mqtt 127.0.0.1
listener $ws lo
protocol websockets
CONF
  mosquitto -c "$BENCH_DIR/$name.conf" > "$BENCH_DIR/$name.log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
  wait_tcp 127.0.0.1 "$ws" 30
}
