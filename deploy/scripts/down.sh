#!/usr/bin/env bash
# down.sh (make down): stops what up.sh started (pid files in DATA_DIR/pids), then
# the private etcd/NATS/MariaDB/Redis, but only if the scripts started them (marker
# files DATA_DIR/private-etcd, private-nats, private-mysql, private-redis). A shared server is never stopped.
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The gateway first, the services last: the reverse of the start order; with
# each process its replicas (make up REPLICAS=2: <name>-2.pid, ...).
for ((i = ${#PROCESSES[@]} - 1; i >= 0; i--)); do
  read -r name _ _ <<<"${PROCESSES[$i]}"
  for pidfile in "$DATA_DIR/pids/$name.pid" "$DATA_DIR/pids/$name"-[0-9]*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$pid" ] && pid_is "$pid" "bin/$name"; then
      stop_pid "$(basename "$pidfile" .pid)" "$pid" 10
    fi
    rm -f "$pidfile"
  done
done

# The Prometheus of make up MONITOR=1.
if [ -f "$DATA_DIR/prometheus.pid" ]; then
  bash "$ROOT/deploy/scripts/monitor.sh" stop
fi

if [ -f "$DATA_DIR/private-etcd" ]; then
  pid=$(cat "$DATA_DIR/etcd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && pid_is "$pid" etcd; then
    stop_pid "private etcd" "$pid" 10
  fi
  rm -f "$DATA_DIR/private-etcd" "$DATA_DIR/etcd.pid"
fi

if [ -f "$DATA_DIR/private-nats" ]; then
  pid=$(cat "$DATA_DIR/nats.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && pid_is "$pid" nats-server; then
    stop_pid "private nats-server" "$pid" 10
  fi
  rm -f "$DATA_DIR/private-nats" "$DATA_DIR/nats.pid"
fi

if [ -f "$DATA_DIR/private-redis" ]; then
  pid=$(cat "$DATA_DIR/redis.pid" 2>/dev/null || true)
  # SIGTERM: Redis fsyncs its AOF and exits.
  if [ -n "$pid" ] && pid_is "$pid" redis-server; then
    stop_pid "private Redis" "$pid" 30
  fi
  rm -f "$DATA_DIR/private-redis" "$DATA_DIR/redis.pid"
fi

if [ -f "$DATA_DIR/private-mysql" ]; then
  pid=$(cat "$DATA_DIR/mysql.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && pid_is "$pid" mariadbd; then
    stop_pid "private MariaDB" "$pid" 60
  fi
  rm -f "$DATA_DIR/private-mysql" "$DATA_DIR/mysql.pid"
fi
