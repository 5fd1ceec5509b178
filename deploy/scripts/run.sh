#!/usr/bin/env bash
# run.sh: make run: up.sh, then the logs in the foreground; Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/deploy/scripts/up.sh"
trap 'bash "$ROOT/deploy/scripts/down.sh"; exit 0' INT TERM
log "following the logs (Ctrl-C stops douyin-zero)"
tail -n 0 -F "$LOG_DIR"/*.log &
wait
