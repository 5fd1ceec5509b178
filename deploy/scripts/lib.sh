# Shared helpers of the run scripts; source it. Every setting comes from the
# environment with a default, so `make` works as is on a fresh Debian machine.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
MYSQL_HOST=${MYSQL_HOST:-127.0.0.1}
MYSQL_PORT=${MYSQL_PORT:-3306}
MYSQL_USER=${MYSQL_USER:-root}
MYSQL_PASSWORD=${MYSQL_PASSWORD:-}
MYSQL_DB=${MYSQL_DB:-douyin}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
LIKE_SHARDS=${LIKE_SHARDS:-4}
DATA_DIR=${DATA_DIR:-$ROOT/.data}
LOG_DIR=${LOG_DIR:-$ROOT/logs}
export ROOT MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD MYSQL_DB REDIS_HOST REDIS_PORT LIKE_SHARDS DATA_DIR LOG_DIR

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=
# ensure_apt_pkgs PKG...: installs the Debian packages that are missing.
ensure_apt_pkgs() {
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mysql_client() {
  local bin
  bin=$(command -v mariadb || command -v mysql)
  "$bin" --protocol=tcp -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" ${MYSQL_PASSWORD:+-p"$MYSQL_PASSWORD"} "$@"
}

mysql_answers() {
  { command -v mariadb || command -v mysql; } >/dev/null 2>&1 || return 1
  mysql_client -e 'select 1' >/dev/null 2>&1
}

redis_answers() {
  command -v redis-cli >/dev/null 2>&1 || return 1
  [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

wait_until() { # wait_until SECONDS CMD...
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.5
  done
}

# ensure_mysql: use the MySQL at MYSQL_HOST:MYSQL_PORT, or start a private MariaDB
# with its data in $DATA_DIR/mysql (installing the package first if needed).
ensure_mysql() {
  mysql_answers && return 0
  ensure_apt_pkgs mariadb-server mariadb-client
  # The package may have started the system server itself.
  mysql_answers && return 0
  local dir=$DATA_DIR/mysql
  mkdir -p "$dir" "$LOG_DIR"
  if [ ! -d "$dir/mysql" ]; then
    log "initialising a private MariaDB in $dir"
    mariadb-install-db --no-defaults --datadir="$dir" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db >"$LOG_DIR/mysql-init.log" 2>&1
  fi
  log "starting a private MariaDB on $MYSQL_HOST:$MYSQL_PORT"
  nohup mariadbd --no-defaults --datadir="$dir" --port="$MYSQL_PORT" --bind-address="$MYSQL_HOST" \
    --socket="$DATA_DIR/mysql.sock" --pid-file="$DATA_DIR/mysql.pid" --user="$(id -un)" \
    --log-error="$LOG_DIR/mysql.log" --innodb-flush-log-at-trx-commit=1 >/dev/null 2>&1 &
  touch "$DATA_DIR/private-mysql"
  wait_until 60 mysql_answers || { log "MariaDB did not start; see $LOG_DIR/mysql.log"; return 1; }
}

# ensure_redis: use the Redis at REDIS_HOST:REDIS_PORT, or start a private one.
# It persists with AOF everysec: likes live in Redis before they reach MySQL.
ensure_redis() {
  redis_answers && return 0
  ensure_apt_pkgs redis-server redis-tools
  redis_answers && return 0
  mkdir -p "$DATA_DIR/redis" "$LOG_DIR"
  log "starting a private Redis on $REDIS_HOST:$REDIS_PORT (AOF everysec)"
  redis-server --port "$REDIS_PORT" --bind "$REDIS_HOST" --dir "$DATA_DIR/redis" \
    --appendonly yes --appendfsync everysec --save "" --daemonize yes \
    --logfile "$LOG_DIR/redis.log" --pidfile "$DATA_DIR/redis.pid"
  touch "$DATA_DIR/private-redis"
  wait_until 30 redis_answers || { log "Redis did not start; see $LOG_DIR/redis.log"; return 1; }
}

# ensure_tools: ffmpeg/ffprobe (video checks, covers, demo videos), protoc (goctl.sh), curl.
ensure_tools() {
  ensure_apt_pkgs ffmpeg protobuf-compiler curl ca-certificates
}

# apply_schema [DB]: creates the database if needed and every table, idempotently,
# with the like shards favorite_00 .. favorite_(LIKE_SHARDS-1).
apply_schema() {
  local db=${1:-$MYSQL_DB} i
  {
    echo "CREATE DATABASE IF NOT EXISTS \`$db\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
    echo "USE \`$db\`;"
    sed -e 's/^CREATE TABLE `/CREATE TABLE IF NOT EXISTS `/' "$ROOT"/deploy/sql/cached/*.sql "$ROOT"/deploy/sql/plain/*.sql
    for ((i = 0; i < LIKE_SHARDS; i++)); do
      printf 'CREATE TABLE IF NOT EXISTS `favorite_%02d` LIKE `favorite`;\n' "$i"
    done
  } | mysql_client
}

# The processes of douyin-zero: binary, package, config. Order = start order.
SERVICES=(
  "user-rpc ./rpc/user rpc/user/etc/user.yaml"
  "video-rpc ./rpc/video rpc/video/etc/video.yaml"
  "social-rpc ./rpc/social rpc/social/etc/social.yaml"
  "douyin-mq ./mq mq/etc/mq.yaml"
  "douyin-api ./api api/etc/douyin-api.yaml"
)

# build_all: one binary per process in bin/ (no k8s discovery: smaller, faster builds).
build_all() {
  local entry name pkg etc
  for entry in "${SERVICES[@]}"; do
    read -r name pkg etc <<<"$entry"
    [ -f "$ROOT/$etc" ] || continue
    (cd "$ROOT" && go build -tags no_k8s -o "bin/$name" "$pkg")
  done
}

gateway_url() { echo "http://127.0.0.1:${GATEWAY_PORT:-8080}"; }

gateway_answers() { curl -fsS -o /dev/null "$(gateway_url)/douyin/feed/" 2>/dev/null; }
