#!/usr/bin/env bash
# schema.sh [DB]: makes sure MySQL answers and applies the schema to DB (default
# $MYSQL_DB). Tests call it for their fresh databases.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_mysql
apply_schema "${1:-$MYSQL_DB}"
