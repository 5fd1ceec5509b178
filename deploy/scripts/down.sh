#!/usr/bin/env bash
# down.sh: stops what up.sh started, including a private MariaDB/Redis if one was started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop_pid() { # stop_pid NAME PID
  local pid=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { log "stopped $1"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  log "killed $1"
}

for pidfile in "$DATA_DIR"/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  stop_pid "$(basename "$pidfile" .pid)" "$(cat "$pidfile")"
  rm -f "$pidfile"
done
if [ -f "$DATA_DIR/private-redis" ] && [ -f "$DATA_DIR/redis.pid" ]; then
  stop_pid redis "$(cat "$DATA_DIR/redis.pid")"
  rm -f "$DATA_DIR/private-redis"
fi
if [ -f "$DATA_DIR/private-mysql" ] && [ -f "$DATA_DIR/mysql.pid" ]; then
  stop_pid mariadb "$(cat "$DATA_DIR/mysql.pid")"
  rm -f "$DATA_DIR/private-mysql"
fi
