# douyin-zero: `make run` brings everything up, `make test` runs every test.
# Settings come from the environment or the command line (make up MYSQL_PORT=13306),
# with the defaults of pkg/envconf/defaults.env, the file the processes read too:
#   MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD MYSQL_DB REDIS_HOST REDIS_PORT
#   REDIS_PASSWORD LIKE_SHARDS, the listen addresses, ...; and DATA_DIR=.data LOG_DIR=logs
#   (deploy/scripts/lib.sh). They reach every process that make up/run/test/bench starts.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c

TAGS := -tags no_k8s
# The Go of every build, test and script: go.mod's toolchain line, whose standard
# library has the fixes SECURITY.md lists. Any installed Go (1.21 or later)
# fetches it from the module proxy on first use; deploy/scripts/lib.sh sets the same.
export GOTOOLCHAIN := go1.27.3
LIB := source deploy/scripts/lib.sh

.PHONY: help run up monitor down deps schema build release test gen check seed reshard bench vulncheck clean

help:       ## this list
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/'

run:        ## everything in the foreground; Ctrl-C stops it
	@bash deploy/scripts/run.sh

up:         ## everything in the background, demo videos on an empty database (MONITOR=1: and Prometheus; REPLICAS=2: two of each RPC service, through etcd)
	@bash deploy/scripts/up.sh

monitor:    ## a private Prometheus with deploy/prometheus (config, alerts) on 127.0.0.1:9090
	@bash deploy/scripts/monitor.sh

down:       ## stop what up started (and a private MariaDB/Redis that deps started)
	@bash deploy/scripts/down.sh

deps:       ## install and start what is missing: MariaDB, Redis, ffmpeg, protoc, curl (and etcd-server)
	@bash deploy/scripts/deps.sh

schema:     ## apply deploy/sql to MYSQL_DB, idempotently
	@bash deploy/scripts/schema.sh

build:      ## one binary per process in bin/
	@$(LIB) && build_all

release:    ## the images' binaries (Dockerfile) in bin/release: static, without no_k8s
	@$(LIB) && build_release

# The go test output comes last, so that its own summary ends the log.
test: deps  ## codegen check, vet, build, then every test against real MySQL and Redis
	./goctl.sh --check
	go vet $(TAGS) ./...
	go build $(TAGS) ./...
	@$(LIB) && build_all
	@$(LIB) && build_release  # what the Dockerfile builds: no no_k8s
	go test $(TAGS) -count=1 -p 1 -timeout 20m ./...

gen:        ## regenerate code from douyin.api, the .proto files and deploy/sql
	./goctl.sh

check:      ## fail if generated code is stale
	./goctl.sh --check

seed:       ## load demo users and videos through the running gateway
	@bash deploy/scripts/seed.sh

reshard: schema ## move the like rows to TO shard tables, offline (make down first): make reshard TO=8
	@$(LIB) && go run $(TAGS) ./cmd/reshard -to "$(TO)"

bench: deps ## load harness: its own stack, fresh database, private Redis
	@if [ -x bench/run.sh ]; then bench/run.sh; else $(LIB) && build_all && go run $(TAGS) ./bench; fi

vulncheck:  ## govulncheck against an offline copy of the Go vulnerability database (SECURITY.md)
	@bash deploy/scripts/vulncheck.sh

clean:      ## built binaries and logs (not .data: databases, media)
	rm -rf bin/douyin-api bin/douyin-mq bin/user-rpc bin/video-rpc bin/social-rpc logs
	find . -name '*.test' -type f -delete
