#!/usr/bin/env bash
# schema.sh [DB]: makes sure MySQL answers (starting a private MariaDB if nothing
# does) and applies deploy/sql to DB (default $MYSQL_DB), idempotently, with the like
# shards favorite_00 .. favorite_(LIKE_SHARDS-1). Silent on success. The tests call
# it for their fresh databases: bash deploy/scripts/schema.sh douyin_test_123
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_mysql
apply_schema "${1:-$MYSQL_DB}"
