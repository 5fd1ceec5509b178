#!/usr/bin/env bash
# govulncheck against an offline copy of the Go vulnerability database: the
# golang.org/x/vulndb module (OSV reports, data/osv) at VULNDB_VERSION, indexed
# into DATA_DIR/vulndb with vulndb's own cmd/indexdb, then
#   govulncheck -db file://DATA_DIR/vulndb -tags no_k8s ./...
# with the toolchain of the Makefile (GOTOOLCHAIN), whose standard library is
# part of what is checked. Needs the module proxy once per VULNDB_VERSION.
#   bash deploy/scripts/vulncheck.sh               the pinned database
#   VULNDB_VERSION=latest bash deploy/scripts/vulncheck.sh   the newest one
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
VULNDB_VERSION=${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}
if [ "$VULNDB_VERSION" = latest ]; then
  VULNDB_VERSION=$(go list -m -f '{{.Version}}' golang.org/x/vulndb@latest)
fi
db=$DATA_DIR/vulndb/$VULNDB_VERSION
if [ ! -f "$db/index/db.json" ]; then
  src=$(go mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  rm -rf "$db.tmp" && mkdir -p "$db.tmp"
  (cd "$(mktemp -d)" && go run "golang.org/x/vulndb/cmd/indexdb@$VULNDB_VERSION" -vulns "$src/data/osv" -out "$db.tmp")
  rm -rf "$db" && mv "$db.tmp" "$db"
fi
# Built with the same toolchain: it type-checks that standard library.
(cd tools && GOBIN=$ROOT/bin go install golang.org/x/vuln/cmd/govulncheck)
echo "vulncheck: $(go env GOVERSION), database golang.org/x/vulndb@$VULNDB_VERSION" >&2
bin/govulncheck -db "file://$db" -tags no_k8s "$@" ./...
