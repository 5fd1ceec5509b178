# douyin-zero: `make run` brings everything up, `make test` runs every test.
SHELL := /bin/bash
export GOFLAGS ?= -tags=no_k8s

.PHONY: run up down deps schema build test unit gen check seed bench clean

run:        ## everything in the foreground; Ctrl-C stops it
	@bash deploy/scripts/run.sh

up:         ## everything in the background
	@bash deploy/scripts/up.sh

down:       ## stop what up started
	@bash deploy/scripts/down.sh

deps:       ## install and start what is missing: MariaDB, Redis, ffmpeg, protoc
	@bash deploy/scripts/deps.sh

schema:     ## apply deploy/sql to $(MYSQL_DB) (default douyin)
	@bash deploy/scripts/schema.sh

build:      ## one binary per process in bin/
	@source deploy/scripts/lib.sh && build_all

test: deps  ## the codegen check, then every test against real MySQL and Redis
	./goctl.sh --check
	go vet ./...
	@source deploy/scripts/lib.sh && build_all
	go test -count=1 -p 1 -timeout 20m ./...

gen:        ## regenerate code from douyin.api, the .proto files and deploy/sql
	./goctl.sh

seed:       ## load demo users and videos through the running gateway
	@bash deploy/scripts/seed.sh

bench: deps ## load harness: its own stack, fresh database, private Redis (see BENCHMARKS.md)
	@source deploy/scripts/lib.sh && build_all
	go run ./bench

clean:
	rm -rf bin/douyin-* bin/*-rpc logs
