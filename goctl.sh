#!/usr/bin/env bash
# Regenerates every generated file of douyin-zero from douyin.api, rpc/*/*.proto
# and deploy/sql/, with pinned tools (tools/go.mod) and one pinned style.
#   ./goctl.sh           regenerate
#   ./goctl.sh --check   regenerate and fail if any file under api/, rpc/, model/,
#                        pkg/userpb or douyin.api changed (CI runs this)
# Files goctl creates only once (logic, svc, config, etc, custom models) are never
# overwritten; templates we changed live in deploy/goctl/.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
STYLE=go_zero
TEMPLATES=$ROOT/deploy/goctl
export PATH=$ROOT/bin:$PATH

# goctl v1.10.2, protoc-gen-go v1.36.11 and protoc-gen-go-grpc v1.6.0, pinned in tools/go.mod.
(cd tools && GOBIN=$ROOT/bin go install tool)
if ! command -v protoc >/dev/null; then
  echo "goctl.sh: protoc is missing; run 'make deps' (Debian package protobuf-compiler)" >&2
  exit 1
fi

snapshot() { find douyin.api api rpc model pkg/userpb -type f \( -name '*.go' -o -name '*.api' -o -name '*.yaml' \) -print0 | sort -z | xargs -0 sha256sum; }
[ "${1:-}" = --check ] && before=$(snapshot)

goctl api go -api douyin.api -dir api --style "$STYLE" --home "$TEMPLATES" >/dev/null
# The User object is one message that all three services answer (pkg/userpb).
protoc --proto_path=pkg/userpb --go_out=. --go_opt=module=douyin pkg/userpb/user_info.proto
for svc in user video social; do
  # The main is deploy/goctl/rpc/main.tpl's output exactly: goctl writes it only
  # when it is missing, so it is removed first and --check sees any difference.
  rm -f "rpc/$svc/$svc.go"
  (cd "rpc/$svc" && goctl rpc protoc "$svc.proto" --proto_path=. --proto_path=../../pkg/userpb \
    --go_out=. --go-grpc_out=. --zrpc_out=. --style "$STYLE" --home "$TEMPLATES" >/dev/null)
  # protoc also writes the imported message under its Go path: pkg/userpb has it.
  rm -rf "rpc/$svc/douyin"
done
# -i '': created_at holds epoch ms set by the code, so no column is left out of inserts.
goctl model mysql ddl -src "deploy/sql/cached/*.sql" -dir model -c --style "$STYLE" -i '' --home "$TEMPLATES" >/dev/null 2>&1
goctl model mysql ddl -src "deploy/sql/plain/*.sql" -dir model --style "$STYLE" -i '' --home "$TEMPLATES" >/dev/null 2>&1

if [ "${1:-}" = --check ]; then
  after=$(snapshot)
  if [ "$before" != "$after" ]; then
    echo "goctl.sh --check: generated files differ from what goctl.sh produces:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
  fi
  echo "goctl.sh --check: generated files are up to date"
fi
