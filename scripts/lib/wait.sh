# Bounded waits for local servers, shared by the scripts that start them. Source it.

wait_ready() { # PORT SECONDS: until a Herald node on 127.0.0.1:PORT answers /health/ready
  local port=$1 seconds=$2
  for _ in $(seq 1 $((seconds * 5))); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "herald on port $port not ready after ${seconds}s" >&2
  return 1
}

wait_tcp() { # HOST PORT SECONDS: until something accepts connections there
  local host=$1 port=$2 seconds=$3
  for _ in $(seq 1 $((seconds * 10))); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $host:$port after ${seconds}s" >&2
  return 1
}
