# shellcheck shell=bash
# Shared helpers of the run scripts (deps, schema, up, down, run, seed); source it:
#   source "$(dirname "$0")/lib.sh"
# Safe under `set -euo pipefail`. Every setting comes from the environment; what
# is not set gets its default from pkg/envconf/defaults.env, the file the processes
# read too, so the scripts and the processes agree (MYSQL_*, REDIS_*, LIKE_SHARDS,
# the listen addresses, ...). Only the scripts' own settings are defaulted here:
#   DATA_DIR      private MariaDB/Redis data, pid files, media, secrets (default .data)
#   LOG_DIR       one log per process (default logs)
#   SECRETS_FILE  the random local secrets (default DATA_DIR/secrets.env)
#   REDIS_PRIVATE_PORT  where up.sh starts a durable Redis when the one found at
#                 REDIS_HOST:REDIS_PORT is volatile (default 16379)
#   REPLICAS      instances of each RPC service that up.sh starts (default 1); above
#                 1 they register in etcd (ETCD_HOSTS, else a private etcd on
#                 ETCD_PRIVATE_PORT, default 12379) and the gateway discovers them
# If nothing answers at MYSQL_HOST:MYSQL_PORT or REDIS_HOST:REDIS_PORT (and the host
# is local), a private server is started there with its data under DATA_DIR; a
# marker file (DATA_DIR/private-mysql, DATA_DIR/private-redis) tells down.sh to stop it.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DATA_DIR=${DATA_DIR:-$ROOT/.data}
LOG_DIR=${LOG_DIR:-$ROOT/logs}
case $DATA_DIR in /*) ;; *) DATA_DIR=$PWD/$DATA_DIR ;; esac
case $LOG_DIR in /*) ;; *) LOG_DIR=$PWD/$LOG_DIR ;; esac
SECRETS_FILE=${SECRETS_FILE:-$DATA_DIR/secrets.env}
# The port of the private durable Redis that up.sh starts when the Redis at
# REDIS_HOST:REDIS_PORT keeps nothing on disk.
REDIS_PRIVATE_PORT=${REDIS_PRIVATE_PORT:-16379}
REPLICAS=${REPLICAS:-1}
# The client port of the private etcd of make up REPLICAS=2 (its peer port is the next one).
ETCD_PRIVATE_PORT=${ETCD_PRIVATE_PORT:-12379}
# Media live with the other local data.
MEDIA_STORAGE_DIR=${MEDIA_STORAGE_DIR:-$DATA_DIR/storage}
export ROOT DATA_DIR LOG_DIR SECRETS_FILE REDIS_PRIVATE_PORT REPLICAS ETCD_PRIVATE_PORT MEDIA_STORAGE_DIR
# The Go of every build: go.mod's toolchain line, as the Makefile sets it (the go
# command fetches it from the module proxy on first use).
export GOTOOLCHAIN=go1.27.3

# export_unset FILE [empty]: exports every KEY=value line of FILE whose KEY the
# environment does not set (a variable set to the empty string keeps it, as
# pkg/envconf does for the processes; with "empty", an empty one is replaced too).
export_unset() {
  local line key
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    key=${line%%=*}
    if [[ -v $key ]] && { [ "${2:-}" != empty ] || [ -n "${!key}" ]; }; then
      export "${key?}"
    else
      export "$line"
    fi
  done <"$1"
}
export_unset "$ROOT/pkg/envconf/defaults.env"

# PROCESSES: "name package etc-file" of every process, in start order (the
# services, the worker, the gateway), from deploy/processes.tsv (pkg/testenv reads
# it too).
PROCESSES=()
while IFS=$'\t' read -r _name _pkg _etc || [ -n "$_name" ]; do
  case $_name in '' | '#'*) continue ;; esac
  PROCESSES+=("$_name $_pkg $_etc")
done <"$ROOT/deploy/processes.tsv"
unset _name _pkg _etc

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; return 1; }

# as_root CMD...: runs CMD as root (sudo only when not root already).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run '$*' (run as root or install sudo)"
  fi
}

is_local_host() {
  case $1 in 127.* | localhost | ::1 | "") return 0 ;; *) return 1 ;; esac
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

APT_UPDATED=${APT_UPDATED:-}
# ensure_apt_pkgs PKG...: installs the Debian packages that are missing (one
# `apt-get update` per shell). The services that packages like mariadb-server and
# redis-server would start on their own are kept from starting (policy-rc.d): we
# start exactly what we need, with our settings.
ensure_apt_pkgs() {
  local missing=() p
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get: install them yourself"
  log "installing ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq >/dev/null 2>&1 || as_root apt-get update -qq >/dev/null ||
      { die "apt-get update failed"; return 1; }
    APT_UPDATED=1
  fi
  local policy=/usr/sbin/policy-rc.d own_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# douyin-zero deploy/scripts/lib.sh: no service starts during its apt-get install\nexit 101\n' |
      as_root tee "$policy" >/dev/null && as_root chmod 755 "$policy" && own_policy=1
  fi
  local rc=0 out
  out=$(mktemp)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >"$out" 2>&1 || rc=$?
  [ -n "$own_policy" ] && as_root rm -f "$policy"
  if [ $rc -ne 0 ]; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "apt-get install ${missing[*]} failed (exit $rc)"
    return 1
  fi
  rm -f "$out"
}

mysql_bin() { command -v mariadb || command -v mysql; }
mysql_admin_bin() { command -v mariadb-admin || command -v mysqladmin; }

# mysql_client ARGS...: the mysql client, over TCP, with our credentials.
mysql_client() {
  local bin
  bin=$(mysql_bin) || die "no mysql client (apt-get install mariadb-client)"
  if [ -n "$MYSQL_PASSWORD" ]; then
    MYSQL_PWD=$MYSQL_PASSWORD "$bin" --protocol=tcp --connect-timeout=5 -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" "$@"
  else
    "$bin" --protocol=tcp --connect-timeout=5 -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" "$@"
  fi
}

# mysql_answers: we can log in and run a query.
mysql_answers() {
  mysql_bin >/dev/null 2>&1 || return 1
  mysql_client -e 'select 1' >/dev/null 2>&1
}

# mysql_alive: some server answers at the address (even if it refuses our login).
mysql_alive() {
  local bin
  bin=$(mysql_admin_bin) || return 1
  "$bin" --protocol=tcp --connect-timeout=2 -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" ping >/dev/null 2>&1
}

# mysql_refuses: a server answers but refuses our login: says what to do.
mysql_refuses() {
  mysql_alive || return 1
  local how=' without a password'
  [ -n "$MYSQL_PASSWORD" ] && how=' with MYSQL_PASSWORD'
  die "a MySQL server answers at $MYSQL_HOST:$MYSQL_PORT but refuses user '$MYSQL_USER'$how.
  Set MYSQL_USER/MYSQL_PASSWORD, or another MYSQL_PORT (e.g. 13306) for a private MariaDB,
  or, for Debian's own server (root logs in over its socket only), allow root over TCP:
  mariadb -u root -e \"ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')\""
  return 0
}

# redis_client ARGS...: redis-cli at REDIS_HOST:REDIS_PORT, with REDIS_PASSWORD.
redis_client() {
  if [ -n "$REDIS_PASSWORD" ]; then
    REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"
  else
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"
  fi
}

redis_answers() {
  command -v redis-cli >/dev/null 2>&1 || return 1
  [ "$(redis_client ping 2>/dev/null)" = PONG ]
}

# wait_until SECONDS CMD...: polls CMD every 0.2 s until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

# wait_http URL [TIMEOUT]: polls URL with curl until it answers with any 2xx/3xx.
wait_http() {
  wait_until "${2:-60}" curl -fsS -o /dev/null --max-time 2 "$1"
}

# with_lock NAME CMD...: runs CMD holding DATA_DIR/NAME.lock (two `make` at once
# must not both start a private server).
with_lock() {
  local name=$1 fd rc
  shift
  mkdir -p "$DATA_DIR" || return 1
  exec {fd}>"$DATA_DIR/$name.lock" || return 1
  flock "$fd" || return 1
  # Not `"$@" || rc=$?`: that would switch errexit off inside CMD. Under set -e a
  # failure ends the script here, which releases the lock.
  "$@"
  rc=$?
  exec {fd}>&-
  return $rc
}

# pid_alive PIDFILE: the process of PIDFILE runs.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null
}

# ensure_mysql: use the MySQL at MYSQL_HOST:MYSQL_PORT, or start a private MariaDB
# there with its data in $DATA_DIR/mysql (installing the packages first if needed).
ensure_mysql() {
  mysql_answers && return 0
  with_lock mysql _ensure_mysql
}

_ensure_mysql() {
  mysql_answers && return 0 # another process started it while we waited
  ensure_apt_pkgs mariadb-client || return 1
  mysql_answers && return 0
  mysql_refuses && return 1
  if ! is_local_host "$MYSQL_HOST"; then
    die "no MySQL answers at $MYSQL_HOST:$MYSQL_PORT (a private one can only start on this machine)"
    return 1
  fi
  ensure_apt_pkgs mariadb-server || return 1
  # A package install may have started the system server after all.
  mysql_answers && return 0
  mysql_refuses && return 1

  local dir=$DATA_DIR/mysql sock=$DATA_DIR/mysql.sock user
  user=$(id -un)
  # A unix socket path is limited to 107 bytes.
  [ ${#sock} -le 100 ] || sock=/tmp/douyin-mysql-$MYSQL_PORT.sock
  mkdir -p "$DATA_DIR" "$LOG_DIR" || return 1
  if [ ! -d "$dir/mysql" ]; then
    log "initialising a private MariaDB in $dir"
    rm -rf "$dir" && mkdir -p "$dir" || return 1
    # normal: root@localhost and root@127.0.0.1 with an empty password.
    # --skip-name-resolve --force: no DNS needed (a minimal machine may have no
    # /etc/hosts); the server below also matches clients by IP only.
    if ! mariadb-install-db --no-defaults --datadir="$dir" --user="$user" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve --force \
      >"$LOG_DIR/mysql-init.log" 2>&1; then
      tail -n 20 "$LOG_DIR/mysql-init.log" >&2
      die "mariadb-install-db failed; see $LOG_DIR/mysql-init.log"
      return 1
    fi
  fi
  log "starting a private MariaDB on 127.0.0.1:$MYSQL_PORT (data in $dir)"
  touch "$DATA_DIR/private-mysql"
  # setsid: a Ctrl-C in the terminal does not reach it; down.sh stops it.
  setsid mariadbd --no-defaults --datadir="$dir" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
    --socket="$sock" --pid-file="$DATA_DIR/mysql.pid" --user="$user" --skip-name-resolve \
    --log-error="$LOG_DIR/mysql.log" --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --max-connections=500 --innodb-flush-log-at-trx-commit=1 </dev/null >/dev/null 2>&1 &
  local pid=$!
  local deadline=$((SECONDS + 60))
  until mysql_answers; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      tail -n 20 "$LOG_DIR/mysql.log" >&2 2>/dev/null || true
      die "the private MariaDB did not start; see $LOG_DIR/mysql.log"
      return 1
    fi
    sleep 0.2
  done
}

# ensure_redis: use the Redis at REDIS_HOST:REDIS_PORT, or start a private one with
# its data in $DATA_DIR/redis. Either way redis-server is installed: the tests start
# their own. The private one persists with AOF everysec: likes live in Redis before
# they reach MySQL.
ensure_redis() {
  if redis_answers; then
    command -v redis-server >/dev/null 2>&1 && return 0
    ensure_apt_pkgs redis-server
    return
  fi
  with_lock redis _ensure_redis
}

_ensure_redis() {
  ensure_apt_pkgs redis-server redis-tools || return 1
  redis_answers && return 0
  if ! is_local_host "$REDIS_HOST"; then
    die "no Redis answers at $REDIS_HOST:$REDIS_PORT (a private one can only start on this machine)"
    return 1
  fi
  mkdir -p "$DATA_DIR/redis" "$LOG_DIR" || return 1
  log "starting a private Redis on 127.0.0.1:$REDIS_PORT (AOF everysec, data in $DATA_DIR/redis)"
  touch "$DATA_DIR/private-redis"
  local auth=()
  [ -n "$REDIS_PASSWORD" ] && auth=(--requirepass "$REDIS_PASSWORD")
  if ! redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA_DIR/redis" "${auth[@]}" \
    --appendonly yes --appendfsync everysec --save "" --maxmemory-policy noeviction \
    --daemonize yes --logfile "$LOG_DIR/redis.log" --pidfile "$DATA_DIR/redis.pid" </dev/null; then
    die "redis-server failed to start; see $LOG_DIR/redis.log"
    return 1
  fi
  wait_until 30 redis_answers || {
    tail -n 20 "$LOG_DIR/redis.log" >&2 2>/dev/null || true
    die "the private Redis did not start; see $LOG_DIR/redis.log"
  }
}

# redis_config PARAM: the value of one CONFIG GET parameter of the Redis at
# REDIS_HOST:REDIS_PORT (empty when it cannot be read).
redis_config() {
  redis_client config get "$1" 2>/dev/null | sed -n 2p
}

# redis_durable: the Redis persists every write and never evicts keys.
redis_durable() {
  [ "$(redis_config appendonly)" = yes ] && [ "$(redis_config maxmemory-policy)" = noeviction ]
}

# ensure_durable_redis: DataRedis holds acknowledged likes that MySQL does not
# have yet, and the Asynq queues. When the Redis at REDIS_HOST:REDIS_PORT keeps
# nothing on disk or evicts keys (a bare dev machine's), a private durable one is
# started on REDIS_PRIVATE_PORT and REDIS_PORT is switched to it, unless
# REDIS_ALLOW_VOLATILE=true. Call it after ensure_redis, in the shell that starts
# the processes.
ensure_durable_redis() {
  redis_durable && return 0
  local found="appendonly $(redis_config appendonly), maxmemory-policy $(redis_config maxmemory-policy)"
  if [ "$REDIS_ALLOW_VOLATILE" = true ]; then
    log "warning: the Redis at $REDIS_HOST:$REDIS_PORT is volatile ($found); REDIS_ALLOW_VOLATILE=true, so it is used: a restart loses unflushed likes"
    return 0
  fi
  if ! is_local_host "$REDIS_HOST"; then
    die "the Redis at $REDIS_HOST:$REDIS_PORT is volatile ($found): set appendonly yes and maxmemory-policy noeviction there, or REDIS_ALLOW_VOLATILE=true to accept losing unflushed likes"
    return 1
  fi
  log "the Redis at $REDIS_HOST:$REDIS_PORT is volatile ($found): using a private durable Redis on 127.0.0.1:$REDIS_PRIVATE_PORT instead (REDIS_ALLOW_VOLATILE=true uses the volatile one)"
  REDIS_HOST=127.0.0.1
  REDIS_PORT=$REDIS_PRIVATE_PORT
  export REDIS_HOST REDIS_PORT
  ensure_redis || return 1
  redis_durable || {
    die "the Redis at 127.0.0.1:$REDIS_PRIVATE_PORT is volatile too; set another REDIS_PRIVATE_PORT"
    return 1
  }
}

# etcd_answers: the first member of ETCD_HOSTS reports itself healthy.
etcd_answers() {
  curl -fsS --max-time 2 "http://${ETCD_HOSTS%%,*}/health" 2>/dev/null | grep -q '"health":"true"'
}

# ensure_etcd: the etcd that the RPC replicas register in (make up REPLICAS=2).
# ETCD_HOSTS (comma-separated host:port) when it answers; when it is empty, a
# private etcd (Debian's etcd-server, installed when missing) on
# 127.0.0.1:ETCD_PRIVATE_PORT with its data in $DATA_DIR/etcd, which down.sh stops
# (marker DATA_DIR/private-etcd). Exports ETCD_HOSTS.
ensure_etcd() {
  ETCD_HOSTS=${ETCD_HOSTS:-127.0.0.1:$ETCD_PRIVATE_PORT}
  export ETCD_HOSTS
  etcd_answers && return 0
  with_lock etcd _ensure_etcd
}

_ensure_etcd() {
  etcd_answers && return 0
  local host=${ETCD_HOSTS%%,*}
  if ! is_local_host "${host%:*}" || [ "${host##*:}" != "$ETCD_PRIVATE_PORT" ]; then
    die "no etcd answers at $ETCD_HOSTS (a private one starts only on 127.0.0.1:ETCD_PRIVATE_PORT: leave ETCD_HOSTS empty)"
    return 1
  fi
  ensure_apt_pkgs etcd-server || return 1
  local client=http://127.0.0.1:$ETCD_PRIVATE_PORT peer=http://127.0.0.1:$((ETCD_PRIVATE_PORT + 1))
  mkdir -p "$DATA_DIR/etcd" "$LOG_DIR" || return 1
  log "starting a private etcd on 127.0.0.1:$ETCD_PRIVATE_PORT (data in $DATA_DIR/etcd)"
  touch "$DATA_DIR/private-etcd"
  # setsid: a Ctrl-C in the terminal does not reach it; down.sh stops it.
  setsid etcd --name douyin --data-dir "$DATA_DIR/etcd" \
    --listen-client-urls "$client" --advertise-client-urls "$client" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "douyin=$peer" </dev/null >>"$LOG_DIR/etcd.log" 2>&1 &
  echo $! >"$DATA_DIR/etcd.pid"
  wait_until 30 etcd_answers || {
    tail -n 20 "$LOG_DIR/etcd.log" >&2 2>/dev/null || true
    die "the private etcd did not start; see $LOG_DIR/etcd.log"
  }
}

# rpc_replica_env NAME I: the variables of replica I (1, 2, ...) of the RPC
# service NAME (e.g. user-rpc): replica 1 keeps USER_RPC_ADDR and
# USER_RPC_DEV_PORT, replica I listens REPLICA_PORT_STEP (100) ports above both.
rpc_replica_env() {
  local var step=$((${REPLICA_PORT_STEP:-100} * ($2 - 1))) addr
  var=$(echo "${1//-/_}" | tr '[:lower:]' '[:upper:]')
  addr=${var}_ADDR
  local dev=${var}_DEV_PORT
  echo "$addr=${!addr%:*}:$((${!addr##*:} + step)) $dev=$((${!dev} + step))"
}

# rpc_clients_env: the variables of the gateway when the services register in
# etcd: no direct endpoints (go-zero's client takes Endpoints first, then Etcd).
rpc_clients_env() {
  local entry name var
  for entry in "${PROCESSES[@]}"; do
    read -r name _ <<<"$entry"
    case $name in *-rpc) ;; *) continue ;; esac
    var=$(echo "${name//-/_}" | tr '[:lower:]' '[:upper:]')
    printf '%s_ADDR= ' "$var"
  done
}

# ensure_tools: ffmpeg/ffprobe (upload checks, covers, renditions, demo videos), protoc
# (goctl.sh), curl (scripts, health checks).
ensure_tools() {
  ensure_apt_pkgs ffmpeg protobuf-compiler curl ca-certificates
}

# ensure_deps: the tools, a MySQL and a Redis (what make deps does). Called in the
# shell that starts the processes: ensure_redis may switch REDIS_PORT. etcd-server
# is installed too (the replica tests start their own etcd; make up REPLICAS=2 as well).
ensure_deps() {
  ensure_tools
  ensure_apt_pkgs etcd-server nats-server
  ensure_mysql
  ensure_redis
}

# nats_hostport: host:port of the first server of NATS_URL (nats://[user@]host:port).
nats_hostport() {
  local u=${NATS_URL%%,*}
  u=${u#*://}
  u=${u##*@}
  echo "${u%%/*}"
}

# nats_answers: a NATS server greets at NATS_URL (its INFO line).
nats_answers() {
  local hp
  hp=$(nats_hostport)
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && head -c 4 <&3' "${hp%:*}" "${hp##*:}" 2>/dev/null | grep -q INFO
}

# ensure_nats: the NATS server of NATS_URL (video.published, from video-rpc to
# the worker), or a private nats-server (Debian's, installed when missing) on
# that local port, core NATS only and nothing on disk, which down.sh stops
# (marker DATA_DIR/private-nats). Either way nats-server is installed: the tests
# start their own.
ensure_nats() {
  if nats_answers; then
    command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || ensure_apt_pkgs nats-server
    return
  fi
  with_lock nats _ensure_nats
}

_ensure_nats() {
  ensure_apt_pkgs nats-server || return 1
  nats_answers && return 0
  local hp bin
  hp=$(nats_hostport)
  if ! is_local_host "${hp%:*}"; then
    die "no NATS answers at $NATS_URL (a private one can only start on this machine)"
    return 1
  fi
  bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  mkdir -p "$DATA_DIR" "$LOG_DIR" || return 1
  log "starting a private nats-server on 127.0.0.1:${hp##*:} (core NATS, nothing on disk)"
  touch "$DATA_DIR/private-nats"
  # setsid: a Ctrl-C in the terminal does not reach it; down.sh stops it.
  setsid "$bin" -a 127.0.0.1 -p "${hp##*:}" -P "$DATA_DIR/nats.pid" -l "$LOG_DIR/nats.log" </dev/null >/dev/null 2>&1 &
  wait_until 30 nats_answers || {
    tail -n 20 "$LOG_DIR/nats.log" >&2 2>/dev/null || true
    die "the private nats-server did not start; see $LOG_DIR/nats.log"
  }
}

# random_secret: 32 random bytes as 64 hex characters.
random_secret() {
  od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
}

# ensure_secrets: on first use writes SECRETS_FILE (mode 600, under the
# git-ignored DATA_DIR) with a random AccessSecret and asynqmon credentials, then
# exports those the environment does not set. The processes refuse the secrets
# that ship in the repository, and ones shorter than 32 bytes.
ensure_secrets() {
  if [ ! -f "$SECRETS_FILE" ]; then
    mkdir -p "$(dirname "$SECRETS_FILE")" || return 1
    (
      umask 077
      {
        echo "# douyin-zero's local secrets, made by deploy/scripts/lib.sh on first run."
        echo "# Keep this file private; delete it for new ones (tokens issued before stop working)."
        echo "ACCESS_SECRET=$(random_secret)"
        echo "ASYNQMON_USER=admin"
        echo "ASYNQMON_PASSWORD=$(random_secret)"
      } >"$SECRETS_FILE.tmp" && mv "$SECRETS_FILE.tmp" "$SECRETS_FILE"
    ) || return 1
    log "wrote a random AccessSecret and asynqmon credentials to $SECRETS_FILE"
  fi
  # defaults.env declares the secrets empty: an empty one takes the file's.
  export_unset "$SECRETS_FILE" empty
}

# apply_schema [DB]: creates DB (default $MYSQL_DB) if needed and every table of
# deploy/sql, idempotently, then the like shards favorite_00 .. favorite_(LIKE_SHARDS-1).
# Existing tables are left as they are, but for the idempotent upgrades of
# deploy/sql/upgrade (MariaDB ADD COLUMN IF NOT EXISTS), applied last in name order.
apply_schema() {
  local db=${1:-$MYSQL_DB} i
  [[ $db =~ ^[A-Za-z0-9_]+$ ]] || { die "bad database name '$db'"; return 1; }
  [[ $LIKE_SHARDS =~ ^[1-9][0-9]?$ ]] || { die "LIKE_SHARDS must be 1..99, not '$LIKE_SHARDS'"; return 1; }
  {
    echo "CREATE DATABASE IF NOT EXISTS \`$db\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
    echo "USE \`$db\`;"
    sed -E 's/^([[:space:]]*)CREATE[[:space:]]+TABLE[[:space:]]+(IF[[:space:]]+NOT[[:space:]]+EXISTS[[:space:]]+)?/\1CREATE TABLE IF NOT EXISTS /I' \
      "$ROOT"/deploy/sql/cached/*.sql "$ROOT"/deploy/sql/plain/*.sql
    for ((i = 0; i < LIKE_SHARDS; i++)); do
      # shellcheck disable=SC2016 # backquotes are SQL here
      printf 'CREATE TABLE IF NOT EXISTS `favorite_%02d` LIKE `favorite`;\n' "$i"
    done
    # The layout of a new database; an existing one keeps its own (make reshard
    # changes it), and the processes refuse another LIKE_SHARDS.
    # shellcheck disable=SC2016 # backquotes are SQL here
    printf 'INSERT IGNORE INTO `like_shard_layout` (`id`, `shards`, `updated_at`) VALUES (1, %d, %d);\n' \
      "$LIKE_SHARDS" "$(($(date +%s) * 1000))"
    # Upgrades of tables made by an older schema: idempotent ALTERs (IF NOT EXISTS).
    cat "$ROOT"/deploy/sql/upgrade/*.sql
  } | mysql_client
}

# build_all: one binary per process in bin/ (-tags no_k8s: no Kubernetes discovery,
# smaller and faster builds).
build_all() {
  local entry name pkg
  for entry in "${PROCESSES[@]}"; do
    read -r name pkg _ <<<"$entry"
    (cd "$ROOT" && go build -tags no_k8s -o "bin/$name" "$pkg") || return 1
  done
}

# build_release [OUT]: the binaries of the images (Dockerfile; make release, CI)
# in OUT (default bin/release): static, -trimpath, and without -tags no_k8s, so
# go-zero's k8s:// resolver (deploy/k8s) is in.
build_release() {
  local out=${1:-$ROOT/bin/release} entry name pkg
  for entry in "${PROCESSES[@]}"; do
    read -r name pkg _ <<<"$entry"
    (cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$out/$name" "$pkg") || return 1
  done
}

gateway_url() { echo "http://127.0.0.1:$GATEWAY_PORT"; }

# gateway_answers: the feed answers with status_code 0 (the gateway and video-rpc
# both work; a gateway whose services are not up yet answers with an error code).
gateway_answers() {
  curl -fsS --max-time 2 "$(gateway_url)/douyin/feed/" 2>/dev/null | grep -q '"status_code":0'
}

# lan_ip: this machine's address on its LAN (for the phone), or nothing.
lan_ip() {
  local ip=
  ip=$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "src") {print $(i + 1); exit}}') || true
  [ -n "$ip" ] || ip=$(hostname -I 2>/dev/null | awk '{print $1}') || true
  echo "$ip"
}

# stop_pid NAME PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 10).
stop_pid() {
  local name=$1 pid=$2 wait=${3:-10} deadline
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  deadline=$((SECONDS + wait))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      kill -9 "$pid" 2>/dev/null || true
      log "killed $name (pid $pid) after ${wait}s"
      return 0
    fi
    sleep 0.1
  done
  log "stopped $name"
}

# pid_is PID WORD: the command line of PID contains WORD (guards against a pid
# file whose process is long gone and whose pid was reused).
pid_is() {
  [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"
}
