#!/usr/bin/env bash
# deps.sh: everything a fresh Debian machine needs to run and test douyin-zero.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_tools
ensure_mysql
ensure_redis
