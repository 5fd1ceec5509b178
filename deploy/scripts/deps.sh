#!/usr/bin/env bash
# deps.sh (make deps): everything a fresh Debian machine needs to run and test
# douyin-zero: ffmpeg, protoc and curl; a MySQL and a Redis that answer at
# MYSQL_HOST:MYSQL_PORT and REDIS_HOST:REDIS_PORT (private ones under DATA_DIR if
# nothing answers there). Silent when everything is there already.
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_deps
