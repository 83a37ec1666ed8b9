#!/usr/bin/env bash
# Tools and local stand-ins for public images that are Go programs, on a machine without an image registry
# (scripts/compose-smoke.sh, scripts/checks/helm.sh): each is built with `go install` from the Go module proxy, at
# the version docker-compose.temporal.yml names, and put on the Debian stand-in base image the way the official
# image has it (the same binary name, config template, working directory and entrypoint), so that the compose file
# runs unchanged on either.
#   source scripts/lib/go-stand-ins.sh
#   temporal_stand_ins BASE_IMAGE TEMPORAL_CLI  exports TEMPORAL_SERVER_IMAGE, TEMPORAL_ADMIN_TOOLS_IMAGE, TEMPORAL_UI_IMAGE
#   prometheus_stand_in BASE_IMAGE              exports PROMETHEUS_IMAGE
#   helm_binary                                 prints the path of a helm binary
# The binaries are cached under ~/.cache/scriptorium/go (the first builds take some minutes on 2 cores), the images
# by their tag and recipe. Grafana has no stand-in: its module may not be used here (AGPL).

TEMPORAL_SERVER_VERSION=1.29.1
TEMPORAL_UI_VERSION=2.42.1
# Prometheus 3.x is published to the Go module proxy as v0.3xx.y (its Go module's own numbering).
PROMETHEUS_MODULE_VERSION=v0.316.0
PROMETHEUS_VERSION=3.16.0
HELM_VERSION=v3.19.0
STAND_IN_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/scriptorium/go"
# Bump when a Dockerfile below changes, so that the images of an earlier recipe are rebuilt.
STAND_IN_RECIPE=1

# go_binary NAME MODULE_PATH VERSION [BUILD_TAGS] -> prints the binary's path, building it if it is not cached.
go_binary() {
  local dir="$STAND_IN_CACHE/$1-$3"
  if [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
    mkdir -p "$dir"
    echo "[stand-ins] go install $2@$3 (a few minutes, once)" >&2
    CGO_ENABLED=0 GOBIN="$dir" GOFLAGS=-buildvcs=false go install -trimpath -ldflags=-s -tags "${4:-}" "$2@$3" >&2 \
      || { echo "[stand-ins] go install $2@$3 failed" >&2; return 1; }
  fi
  # go install names the binary after its package's directory (server, sql, prometheus, helm): the one file there.
  local files=("$dir"/*)
  echo "${files[0]}"
}

# module_dir MODULE VERSION -> the module's source in Go's module cache (go install downloaded it).
module_dir() { echo "$(go env GOMODCACHE)/$1@$2"; }

# stand_in_image TAG CONTEXT_DIR: builds unless an image of that tag and recipe exists.
stand_in_image() {
  local recipe
  recipe="$(docker image inspect -f '{{index .Config.Labels "scriptorium.stand-in-recipe"}}' "$1" 2>/dev/null || true)"
  if [ "$recipe" = "$STAND_IN_RECIPE" ]; then return 0; fi
  echo "[stand-ins] building $1" >&2
  DOCKER_BUILDKIT=1 docker build --network host -q -t "$1" "$2" >&2
}

temporal_stand_ins() { # BASE_IMAGE TEMPORAL_CLI
  local base="$1" cli="$2" server sql ui ctx
  command -v go >/dev/null || { echo "[stand-ins] Go is needed (scripts/stack install brings it)" >&2; return 1; }
  server="$(go_binary temporal-server go.temporal.io/server/cmd/server "v$TEMPORAL_SERVER_VERSION")" || return 1
  sql="$(go_binary temporal-sql-tool go.temporal.io/server/cmd/tools/sql "v$TEMPORAL_SERVER_VERSION")" || return 1
  ui="$(go_binary temporal-ui github.com/temporalio/ui-server/v2/cmd/server "v$TEMPORAL_UI_VERSION")" || return 1
  ctx="$(mktemp -d)"

  # The server: /usr/local/bin/temporal-server with the module's docker.yaml (a template read from the environment,
  # DB, POSTGRES_SEEDS, ...) in /etc/temporal/config, started as the official image starts it.
  mkdir -p "$ctx/server"
  cp "$server" "$ctx/server/temporal-server"
  cp "$(module_dir go.temporal.io/server "v$TEMPORAL_SERVER_VERSION")/config/docker.yaml" "$ctx/server/docker.yaml"
  cat > "$ctx/server/Dockerfile" <<EOF
FROM $base
RUN useradd --uid 1000 --user-group --home-dir /etc/temporal temporal
COPY temporal-server /usr/local/bin/temporal-server
COPY docker.yaml /etc/temporal/config/docker.yaml
WORKDIR /etc/temporal
USER 1000:1000
EXPOSE 7233
ENTRYPOINT ["temporal-server", "--env", "docker", "start"]
LABEL scriptorium.stand-in-recipe="$STAND_IN_RECIPE" container-engine.stand-in-for="temporalio/server:$TEMPORAL_SERVER_VERSION"
EOF
  # admin-tools: temporal-sql-tool (its schemas are built in) and the temporal CLI.
  mkdir -p "$ctx/admin"
  cp "$sql" "$ctx/admin/temporal-sql-tool"
  cp "$cli" "$ctx/admin/temporal"
  cat > "$ctx/admin/Dockerfile" <<EOF
FROM $base
COPY temporal-sql-tool temporal /usr/local/bin/
LABEL scriptorium.stand-in-recipe="$STAND_IN_RECIPE" container-engine.stand-in-for="temporalio/admin-tools:$TEMPORAL_SERVER_VERSION"
EOF
  # The UI: ./ui-server with its docker.yaml template in /home/ui-server, as the official image has them.
  mkdir -p "$ctx/ui"
  cp "$ui" "$ctx/ui/ui-server"
  cp "$(module_dir github.com/temporalio/ui-server/v2 "v$TEMPORAL_UI_VERSION")/config/docker.yaml" "$ctx/ui/docker.yaml"
  cat > "$ctx/ui/Dockerfile" <<EOF
FROM $base
RUN useradd --uid 1000 --user-group --home-dir /home/ui-server temporal
COPY ui-server /home/ui-server/ui-server
COPY docker.yaml /home/ui-server/config/docker.yaml
WORKDIR /home/ui-server
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["./ui-server", "--env", "docker", "start"]
LABEL scriptorium.stand-in-recipe="$STAND_IN_RECIPE" container-engine.stand-in-for="temporalio/ui:$TEMPORAL_UI_VERSION"
EOF
  chmod -R a+rX "$ctx"
  export TEMPORAL_SERVER_IMAGE="local/temporal-server:$TEMPORAL_SERVER_VERSION"
  export TEMPORAL_ADMIN_TOOLS_IMAGE="local/temporal-admin-tools:$TEMPORAL_SERVER_VERSION"
  export TEMPORAL_UI_IMAGE="local/temporal-ui:$TEMPORAL_UI_VERSION"
  stand_in_image "$TEMPORAL_SERVER_IMAGE" "$ctx/server" \
    && stand_in_image "$TEMPORAL_ADMIN_TOOLS_IMAGE" "$ctx/admin" \
    && stand_in_image "$TEMPORAL_UI_IMAGE" "$ctx/ui"
  local status=$?
  rm -rf "$ctx"
  return $status
}

prometheus_stand_in() { # BASE_IMAGE
  local base="$1" binary ctx
  command -v go >/dev/null || { echo "[stand-ins] Go is needed (scripts/stack install brings it)" >&2; return 1; }
  # Only the DNS service discovery the compose file uses: the other 25 mechanisms (clouds, Kubernetes) tripled the
  # build's time.
  binary="$(go_binary prometheus-dns-sd github.com/prometheus/prometheus/cmd/prometheus "$PROMETHEUS_MODULE_VERSION" \
    remove_all_sd,enable_dns_sd)" || return 1
  ctx="$(mktemp -d)"
  cp "$binary" "$ctx/prometheus"
  # The official image: /bin/prometheus as nobody, its data in /prometheus. Built without the web UI's assets; the
  # HTTP API (what the checks read) is the same.
  cat > "$ctx/Dockerfile" <<EOF
FROM $base
COPY prometheus /bin/prometheus
RUN mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
LABEL scriptorium.stand-in-recipe="$STAND_IN_RECIPE" container-engine.stand-in-for="prom/prometheus:v$PROMETHEUS_VERSION"
EOF
  chmod -R a+rX "$ctx"
  export PROMETHEUS_IMAGE="local/prometheus:$PROMETHEUS_VERSION"
  stand_in_image "$PROMETHEUS_IMAGE" "$ctx"
  local status=$?
  rm -rf "$ctx"
  return $status
}

helm_binary() {
  command -v go >/dev/null || { echo "[stand-ins] Go is needed (scripts/stack install brings it)" >&2; return 1; }
  go_binary helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION"
}
