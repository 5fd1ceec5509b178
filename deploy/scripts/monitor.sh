#!/usr/bin/env bash
# monitor.sh (make up MONITOR=1): a private Prometheus for the processes of this
# machine, with deploy/prometheus/prometheus.yml (its targets at the *_DEV_PORT
# ports) and rules.yml, data in
# DATA_DIR/prometheus, log in LOG_DIR/prometheus.log, on 127.0.0.1:PROMETHEUS_PORT
# (default 9090). Prometheus comes from Debian's `prometheus` package.
#   monitor.sh [start]  install if needed, start (or reload the config of a running one), print the URL
#   monitor.sh stop     stop the Prometheus that start started
#   monitor.sh install  only install prometheus and promtool (the tests call this)
#   monitor.sh check    promtool check config and rules, and the rules' unit tests (rules_test.yml)
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
PROMETHEUS_DIR=$ROOT/deploy/prometheus
pidfile=$DATA_DIR/prometheus.pid

# ensure_prometheus: prometheus and promtool on PATH (Debian's package; its own
# service is kept from starting, see ensure_apt_pkgs).
ensure_prometheus() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 && return 0
  ensure_apt_pkgs prometheus
}

check() {
  ensure_prometheus
  # kubernetes.yml is not checked: Debian builds Prometheus without Kubernetes
  # discovery, so its promtool refuses kubernetes_sd_configs.
  promtool check config "$PROMETHEUS_DIR/prometheus.yml"
  promtool check rules "$PROMETHEUS_DIR/rules.yml"
  promtool test rules "$PROMETHEUS_DIR/rules_test.yml"
}

prometheus_url() { echo "http://127.0.0.1:$PROMETHEUS_PORT"; }

# render_config: prometheus.yml and rules.yml in DATA_DIR/prometheus-config, the
# targets at the DevServer ports the processes use (*_DEV_PORT, defaults.env);
# with REPLICAS above 1 each RPC service has a target per replica (rpc_replica_env:
# REPLICA_PORT_STEP ports apart), all with the service's label.
config_dir=$DATA_DIR/prometheus-config
render_config() {
  mkdir -p "$config_dir"
  cp "$PROMETHEUS_DIR/rules.yml" "$config_dir/rules.yml"
  sed -e "s/\"127\.0\.0\.1:6470\"/$(targets "$GATEWAY_DEV_PORT" 1)/" \
    -e "s/\"127\.0\.0\.1:6471\"/$(targets "$USER_RPC_DEV_PORT" "$REPLICAS")/" \
    -e "s/\"127\.0\.0\.1:6472\"/$(targets "$VIDEO_RPC_DEV_PORT" "$REPLICAS")/" \
    -e "s/\"127\.0\.0\.1:6473\"/$(targets "$SOCIAL_RPC_DEV_PORT" "$REPLICAS")/" \
    -e "s/\"127\.0\.0\.1:6474\"/$(targets "$MQ_DEV_PORT" 1)/" "$PROMETHEUS_DIR/prometheus.yml" >"$config_dir/prometheus.yml"
  promtool check config "$config_dir/prometheus.yml" >/dev/null
}

# targets PORT N: "127.0.0.1:PORT", "127.0.0.1:PORT+step", ... (N of them).
targets() {
  local i out= step=${REPLICA_PORT_STEP:-100}
  for ((i = 0; i < $2; i++)); do
    out+="${out:+, }\"127.0.0.1:$(($1 + i * step))\""
  done
  echo "$out"
}

running() { pid_alive "$pidfile" && pid_is "$(cat "$pidfile")" prometheus; }

start() {
  ensure_prometheus
  render_config
  if running; then
    kill -HUP "$(cat "$pidfile")" # reread prometheus.yml and rules.yml
    log "Prometheus is already running (pid $(cat "$pidfile")): its config is reloaded"
  else
    mkdir -p "$DATA_DIR/prometheus" "$LOG_DIR"
    log "starting Prometheus on 127.0.0.1:$PROMETHEUS_PORT (data in $DATA_DIR/prometheus)"
    # setsid: a Ctrl-C in the terminal does not reach it; monitor.sh stop ends it.
    setsid prometheus --config.file="$config_dir/prometheus.yml" \
      --storage.tsdb.path="$DATA_DIR/prometheus" --storage.tsdb.retention.time=7d \
      --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" </dev/null >>"$LOG_DIR/prometheus.log" 2>&1 &
    echo $! >"$pidfile"
    if ! wait_http "$(prometheus_url)/-/ready" 30 2>/dev/null; then # curl fails until it listens
      tail -n 20 "$LOG_DIR/prometheus.log" >&2 || true
      die "Prometheus did not start; see $LOG_DIR/prometheus.log"
    fi
  fi
  cat <<MSG
  Prometheus $(prometheus_url)/   (alerts: $(prometheus_url)/alerts; dashboard: import deploy/grafana/douyin-zero.json into Grafana, see README)
MSG
}

stop() {
  if running; then
    stop_pid Prometheus "$(cat "$pidfile")" 30
  fi
  rm -f "$pidfile"
}

case ${1:-start} in
  start) start ;;
  stop) stop ;;
  install) ensure_prometheus ;;
  check) check ;;
  *) die "usage: $0 [start|stop|install|check]" ;;
esac
