#!/usr/bin/env bash
# up.sh: starts douyin-zero in the background (make up): dependencies, schema,
# binaries, every process, demo videos on an empty database; then prints the URLs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

bash deploy/scripts/deps.sh
apply_schema
log "building"
build_all

mkdir -p "$LOG_DIR" "$DATA_DIR/pids"
for entry in "${SERVICES[@]}"; do
  read -r name pkg etc <<<"$entry"
  [ -f "$etc" ] || continue
  pidfile=$DATA_DIR/pids/$name.pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "$name is already running"
    continue
  fi
  log "starting $name"
  nohup "bin/$name" -f "$etc" >>"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$pidfile"
done

if ! wait_until 60 gateway_answers; then
  log "the gateway did not answer at $(gateway_url); last log lines:"
  tail -n 20 "$LOG_DIR"/*.log >&2 || true
  exit 1
fi

videos=$(mysql_client -N -e "select count(*) from video" "$MYSQL_DB")
if [ "$videos" = 0 ] && [ -x deploy/scripts/seed.sh ]; then
  log "empty database: loading demo videos"
  GATEWAY_URL=$(gateway_url) bash deploy/scripts/seed.sh
fi

lan_ip=$(hostname -I 2>/dev/null | awk '{print $1}')
cat <<MSG

douyin-zero is up.
  gateway    $(gateway_url)/   (from a phone: http://${lan_ip:-<this-machine>}:${GATEWAY_PORT:-8080}/ and set Media.PublicBaseURL)
  feed       $(gateway_url)/douyin/feed/
  asynqmon   http://127.0.0.1:8090/asynqmon   (credentials in mq/etc/mq.yaml)
  metrics    http://127.0.0.1:6470/metrics (gateway), 6471-6474 (services)
  logs       $LOG_DIR/
Stop it with: make down
MSG
