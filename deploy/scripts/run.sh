#!/usr/bin/env bash
# run.sh (make run): up.sh, then every log in the foreground; Ctrl-C (or SIGTERM)
# stops everything with down.sh.
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tail_pid=
stop() {
  trap - INT TERM
  [ -n "$tail_pid" ] && kill "$tail_pid" 2>/dev/null
  echo >&2
  log "stopping douyin-zero"
  bash "$ROOT/deploy/scripts/down.sh"
  exit "${1:-0}"
}
trap 'stop 0' INT TERM

if ! bash "$ROOT/deploy/scripts/up.sh"; then
  log "up.sh failed; stopping what it started"
  stop 1
fi
log "following the logs in $LOG_DIR (Ctrl-C stops douyin-zero)"
tail -n 0 -F "$LOG_DIR"/*.log &
tail_pid=$!
wait "$tail_pid" || true
