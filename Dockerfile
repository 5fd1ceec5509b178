# syntax=docker/dockerfile:1
# The images of douyin-zero: one per process of deploy/processes.tsv, plus the
# schema Job's, all from one build stage. From the repository root:
#   docker build --target douyin-api -t douyin-zero/douyin-api:0.1.0 .
# (targets: user-rpc video-rpc social-rpc douyin-mq douyin-api schema; the tag
# is the version deploy/k8s/kustomization.yaml names). The binaries are built by
# build_release (deploy/scripts/lib.sh), the command `make release` and CI run:
# static, without -tags no_k8s, so go-zero's k8s:// discovery is in.
ARG GO_VERSION=1.27.3
ARG DEBIAN=bookworm

FROM golang:${GO_VERSION}-${DEBIAN} AS build
ENV GOTOOLCHAIN=local
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN bash -c 'source deploy/scripts/lib.sh && build_release /out'

# What every image runs on: CA certificates, time zones, and the user douyin
# (uid 10001, the runAsUser of deploy/k8s), never root.
FROM debian:${DEBIAN}-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 douyin \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin douyin
WORKDIR /app
USER 10001:10001

# The gateway (upload checks, covers) and the worker (renditions) run ffprobe
# and ffmpeg.
FROM runtime AS media
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/*
USER 10001:10001

FROM runtime AS user-rpc
COPY rpc/user/etc/user.yaml etc/
COPY --from=build /out/user-rpc /app/
EXPOSE 8081 6471
ENTRYPOINT ["/app/user-rpc"]
CMD ["-f", "etc/user.yaml"]

FROM runtime AS video-rpc
COPY rpc/video/etc/video.yaml etc/
COPY --from=build /out/video-rpc /app/
EXPOSE 8082 6472
ENTRYPOINT ["/app/video-rpc"]
CMD ["-f", "etc/video.yaml"]

FROM runtime AS social-rpc
COPY rpc/social/etc/social.yaml etc/
COPY --from=build /out/social-rpc /app/
EXPOSE 8083 6473
ENTRYPOINT ["/app/social-rpc"]
CMD ["-f", "etc/social.yaml"]

FROM media AS douyin-mq
COPY mq/etc/mq.yaml etc/
COPY --from=build /out/douyin-mq /app/
EXPOSE 8090 6474
ENTRYPOINT ["/app/douyin-mq"]
CMD ["-f", "etc/mq.yaml"]

FROM media AS douyin-api
COPY api/etc/douyin-api.yaml etc/
COPY --from=build /out/douyin-api /app/
EXPOSE 8080 6470
ENTRYPOINT ["/app/douyin-api"]
CMD ["-f", "etc/douyin-api.yaml"]

# The schema Job: deploy/scripts/schema.sh with the mariadb client.
FROM runtime AS schema
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends mariadb-client \
 && rm -rf /var/lib/apt/lists/*
USER 10001:10001
COPY deploy/sql deploy/sql
COPY deploy/scripts/lib.sh deploy/scripts/schema.sh deploy/scripts/
COPY deploy/processes.tsv deploy/
COPY pkg/envconf/defaults.env pkg/envconf/
ENTRYPOINT ["bash", "deploy/scripts/schema.sh"]
