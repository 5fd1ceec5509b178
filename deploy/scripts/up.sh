#!/usr/bin/env bash
# up.sh (make up): starts douyin-zero in the background: what deps.sh ensures, the secrets,
# schema, binaries, every process (services, worker, gateway); demo videos when the
# database has none (seed.sh); then prints the URLs. down.sh stops it all.
# Each process (deploy/processes.tsv): bin/<name> -f <etc file>, cwd = repo root,
# configured by the environment (pkg/envconf/defaults.env, what the caller set,
# the secrets file), output in LOG_DIR/<name>.log, pid in DATA_DIR/pids/<name>.pid.
# REPLICAS=2 (or ETCD_HOSTS set): an etcd (ensure_etcd), REPLICAS instances of each
# RPC service registered there (<name>, <name>-2, ...: rpc_replica_env), and a
# gateway that discovers them (rpc_clients_env).
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_deps
ensure_durable_redis
ensure_nats
ensure_secrets
[[ $REPLICAS =~ ^[1-9]$ ]] || die "REPLICAS must be 1..9, not '$REPLICAS'"
if [ "$REPLICAS" -gt 1 ] || [ -n "$ETCD_HOSTS" ]; then
  ensure_etcd
fi
apply_schema "$MYSQL_DB"
log "building bin/"
build_all

mkdir -p "$LOG_DIR" "$DATA_DIR/pids"
# instances: "instance binary etc-file VARIABLE=value..." in start order.
instances=()
for entry in "${PROCESSES[@]}"; do
  read -r binary _ etc <<<"$entry"
  case $binary in
  *-rpc)
    for ((i = 1; i <= REPLICAS; i++)); do
      instance=$binary
      [ "$i" -gt 1 ] && instance=$binary-$i
      instances+=("$instance $binary $etc $(rpc_replica_env "$binary" "$i")")
    done
    ;;
  douyin-api) instances+=("$binary $binary $etc ${ETCD_HOSTS:+$(rpc_clients_env)}") ;;
  *) instances+=("$binary $binary $etc") ;;
  esac
done

started=()
for entry in "${instances[@]}"; do
  read -r name binary etc vars <<<"$entry"
  pidfile=$DATA_DIR/pids/$name.pid
  if pid_alive "$pidfile" && pid_is "$(cat "$pidfile")" "bin/$binary"; then
    log "$name is already running (pid $(cat "$pidfile"); make down, then make up, to restart it)"
    continue
  fi
  log "starting $name${vars:+ ($vars)}"
  printf '\n==== %s: starting %s\n' "$(date '+%F %T')" "$name" >>"$LOG_DIR/$name.log"
  # setsid: a Ctrl-C in the terminal does not reach it; down.sh stops it.
  # deploy/process.env: the Go runtime settings of every process.
  # shellcheck disable=SC2086 # vars: VARIABLE=value words
  (set -a && source deploy/process.env && exec env $vars setsid "bin/$binary" -f "$etc" </dev/null >>"$LOG_DIR/$name.log" 2>&1) &
  echo $! >"$pidfile"
  started+=("$name")
done

# Waits for the gateway; fails fast if a process just started has exited.
deadline=$((SECONDS + 60))
until gateway_answers; do
  dead=
  for name in "${started[@]}"; do
    pid_alive "$DATA_DIR/pids/$name.pid" || dead="$dead $name"
  done
  if [ -n "$dead" ] || [ $SECONDS -ge $deadline ]; then
    if [ -n "$dead" ]; then
      log "exited:$dead"
    else
      log "the feed did not answer at $(gateway_url)/douyin/feed/ within 60s"
    fi
    # The logs of the processes that exited, or of all when none did.
    for name in ${dead:-${started[*]}}; do
      printf '\n--- %s (last lines of %s)\n' "$name" "$LOG_DIR/$name.log" >&2
      tail -n 12 "$LOG_DIR/$name.log" >&2 || true
    done
    echo >&2
    exit 1
  fi
  sleep 0.3
done

videos=$(mysql_client -N -e 'SELECT COUNT(*) FROM video' "$MYSQL_DB")
if [ "$videos" = 0 ] && [ -x deploy/scripts/seed.sh ]; then
  log "the database has no videos: loading the demo videos (deploy/scripts/seed.sh)"
  GATEWAY_URL=$(gateway_url) deploy/scripts/seed.sh || log "seeding failed (see above); make seed tries again"
fi

port=$GATEWAY_PORT
ip=$(lan_ip)
cat <<MSG

douyin-zero is up.
  gateway    http://${ip:-<this-machine-ip>}:$port/   (in the app: double-tap 我 and enter it)
             http://127.0.0.1:$port/   (feed: http://127.0.0.1:$port/douyin/feed/)
  asynqmon   http://$ASYNQMON_ADDR/asynqmon   (user and password: ASYNQMON_USER, ASYNQMON_PASSWORD in $SECRETS_FILE)
  secrets    $SECRETS_FILE   (AccessSecret and asynqmon credentials; the environment wins)
  MySQL      $MYSQL_HOST:$MYSQL_PORT/$MYSQL_DB   Redis $REDIS_HOST:$REDIS_PORT   like shards $LIKE_SHARDS
  NATS       $NATS_URL   (video.published; processing metrics at http://127.0.0.1:$MQ_DEV_PORT/metrics)
  RPC        $REPLICAS instance(s) of each service${ETCD_HOSTS:+, registered in etcd at $ETCD_HOSTS}
  logs       $LOG_DIR/   (make run follows them)
Stop it with: make down
MSG

# make up MONITOR=1: a private Prometheus with the repository's config and alerts.
if [ "${MONITOR:-}" = 1 ]; then
  bash deploy/scripts/monitor.sh start
fi
