#!/usr/bin/env bash
# Smoke test of the container images and docker-compose.temporal.yml, on a machine without a registry:
#   1. starts a Docker engine and builds the local stand-in base images (../shared/tools/container-engine.sh) and
#      Temporal's (scripts/lib/go-stand-ins.sh: the real server, temporal-sql-tool and UI, from Go modules);
#   2. validates the compose file (a missing password stops it with a message naming it) and builds the images;
#   3. checks the images: non-root user, LibreOffice and Tesseract in the office pool's image only;
#   4. brings the stack up under its own project name and free ports (the compose file unchanged: images, ports and
#      secrets are environment variables), waits until the jobs are done and every service is up and healthy;
#   5. checks it is closed: published ports on loopback only, Temporal's gRPC port not published, 401 without token;
#   6. uploads a PDF and a DOCX (converted by the office pool) and waits until both are READY, then searches, and
#      finds both runs through the Temporal UI's server;
#   7. restarts the Temporal server with documents in flight: they all end READY (its state is in PostgreSQL);
#   8. scales the worker to 2: two pollers on the ingestion task queue, and the office pool only on its own queues;
#   9. starts Prometheus of the monitoring profile: every target up (both worker replicas), the alert rules
#      evaluating, every panel of the provisioned Grafana dashboard with data;
#  10. stops the api-server and the workers and checks that SIGTERM stopped their JVMs (exit 143, not SIGKILL's 137);
#  11. removes the stack and its volumes (down -v), also when a step fails.
# Every wait is bounded. Usage: scripts/compose-smoke.sh   (no arguments; knobs below as environment variables)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ENGINE="${CONTAINER_ENGINE:-$ROOT/../shared/tools/container-engine.sh}"
# The admin-tools stand-in gets this Temporal CLI (scripts/stack install builds it).
export TEMPORAL_BIN="${TEMPORAL_BIN:-$HOME/.cache/scriptorium/bin/temporal}"
CORPUS="${SCRIPTORIUM_CORPUS:-$ROOT/../shared/corpus}"
PDF="$CORPUS/${SMOKE_PDF:-pdf-text-1p-memo-unstructured.pdf}"
DOCX="$CORPUS/${SMOKE_DOCX:-docx-simple-1p-us-trustee-handbook-unstructured.docx}"
PROJECT="${SMOKE_PROJECT:-scriptorium-smoke}"
COMPOSE_FILE="$ROOT/docker-compose.temporal.yml"
HEALTH_TIMEOUT="${SMOKE_HEALTH_TIMEOUT:-420}"
DOCUMENT_TIMEOUT="${SMOKE_DOCUMENT_TIMEOUT:-300}"
POLLER_TIMEOUT="${SMOKE_POLLER_TIMEOUT:-120}"
BUILD_TIMEOUT="${SMOKE_BUILD_TIMEOUT:-1800}"
TASK_QUEUE=scriptorium-ingestion
OFFICE_QUEUE=scriptorium-office

started_at=$SECONDS
log() { printf '[compose-smoke %4ss] %s\n' "$((SECONDS - started_at))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

[ -x "$ENGINE" ] || die "no container engine script at $ENGINE"
[ -f "$PDF" ] || die "no PDF at $PDF"
[ -f "$DOCX" ] || die "no DOCX at $DOCX"

# ---------------------------------------------------------------- engine and stand-in images

log "starting the Docker engine"
timeout 300 "$ENGINE" start >&2
log "building the stand-in base images (cached after the first time)"
timeout 900 "$ENGINE" images >&2
eval "$("$ENGINE" env)"
for v in DEBIAN_IMAGE BUILD_IMAGE JRE_IMAGE POSTGRES_IMAGE; do
  [ -n "${!v:-}" ] || die "$v is not set by '$ENGINE env'"
done
export BUILD_IMAGE JRE_IMAGE POSTGRES_IMAGE
log "building Temporal's stand-in images (the Go builds are cached after the first time)"
# shellcheck source=scripts/lib/go-stand-ins.sh
. "$ROOT/scripts/lib/go-stand-ins.sh"
[ -x "$TEMPORAL_BIN" ] || die "no Temporal CLI at $TEMPORAL_BIN (scripts/stack install builds it)"
temporal_stand_ins "$DEBIAN_IMAGE" "$TEMPORAL_BIN" || die "building Temporal's stand-in images failed"
prometheus_stand_in "$DEBIAN_IMAGE" || die "building Prometheus's stand-in image failed"
export API_SERVER_IMAGE="${SMOKE_API_SERVER_IMAGE:-scriptorium/api-server:smoke}"
export WORKER_IMAGE="${SMOKE_WORKER_IMAGE:-scriptorium/worker:smoke}"
export WORKER_OFFICE_IMAGE="${SMOKE_WORKER_OFFICE_IMAGE:-scriptorium/worker-office:smoke}"
# The secrets the compose file requires, new for every run.
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
export POSTGRES_PASSWORD SCRIPTORIUM_DB_PASSWORD TEMPORAL_DB_PASSWORD SCRIPTORIUM_API_TOKEN
POSTGRES_PASSWORD="$(secret)"; SCRIPTORIUM_DB_PASSWORD="$(secret)"; TEMPORAL_DB_PASSWORD="$(secret)"
SCRIPTORIUM_API_TOKEN="$(secret)"

# Published ports: free ones, so that the local stack (scripts/stack: 8080, 8081, 7233, 8233, 5432) keeps running.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # first free port from $1 on, skipping those already chosen
  local p="$1"
  while port_taken "$p" || [[ " ${chosen_ports:-} " == *" $p "* ]]; do p=$((p + 1)); done
  chosen_ports="${chosen_ports:-} $p"
  echo "$p"
}
export API_PORT="${SMOKE_API_PORT:-$(free_port 18080)}"
export TEMPORAL_UI_PORT="${SMOKE_TEMPORAL_UI_PORT:-$(free_port 18233)}"
export PROMETHEUS_PORT="${SMOKE_PROMETHEUS_PORT:-$(free_port 19090)}"

# An empty env file: a developer's .env must not change what is tested.
EMPTY_ENV="$(mktemp)"
COMPOSE=(docker-compose --env-file "$EMPTY_ENV" -p "$PROJECT" -f "$COMPOSE_FILE")
compose() { "${COMPOSE[@]}" "$@"; }

finish() {
  local status=$?
  set +e
  if [ $status -ne 0 ]; then
    log "---- state of the stack ----"
    compose ps >&2
    log "---- last log lines ----"
    compose logs --no-color --tail=60 >&2
  fi
  log "removing the stack and its volumes"
  timeout 240 "${COMPOSE[@]}" --profile monitoring down -v --remove-orphans -t 30 >&2 \
    || log "down -v failed"
  rm -f "$EMPTY_ENV"
  if [ $status -eq 0 ]; then log "PASSED in $((SECONDS - started_at))s"; else log "FAILED (exit $status)"; fi
  exit $status
}
trap finish EXIT
trap 'exit 130' INT TERM

log "removing what an earlier run of project $PROJECT may have left"
timeout 240 "${COMPOSE[@]}" --profile monitoring down -v --remove-orphans -t 10 >/dev/null 2>&1 || true
# Its database volume above all: PostgreSQL keeps the passwords of the run that created it, not this run's.
if docker volume inspect "${PROJECT}_postgres-data" >/dev/null 2>&1; then
  docker volume rm "${PROJECT}_postgres-data" >/dev/null || die "an earlier run's volume ${PROJECT}_postgres-data is in use"
fi

# ---------------------------------------------------------------- compose file and images

log "validating the compose file (public defaults, then with the stand-ins)"
(unset BUILD_IMAGE JRE_IMAGE POSTGRES_IMAGE TEMPORAL_SERVER_IMAGE TEMPORAL_ADMIN_TOOLS_IMAGE TEMPORAL_UI_IMAGE \
   PROMETHEUS_IMAGE API_SERVER_IMAGE WORKER_IMAGE WORKER_OFFICE_IMAGE API_PORT TEMPORAL_UI_PORT PROMETHEUS_PORT
 docker-compose --env-file "$EMPTY_ENV" -f "$COMPOSE_FILE" config -q) || die "docker-compose config failed"
compose config -q || die "docker-compose config failed with the stand-in images"
for required in POSTGRES_PASSWORD SCRIPTORIUM_DB_PASSWORD TEMPORAL_DB_PASSWORD SCRIPTORIUM_API_TOKEN; do
  if message="$(env -u "$required" docker-compose --env-file "$EMPTY_ENV" -f "$COMPOSE_FILE" config -q 2>&1)"; then
    die "the compose file starts without $required"
  fi
  grep -q "set $required" <<<"$message" || die "without $required the compose file fails without naming it: $message"
done
log "without any one of its four secrets the compose file refuses to start, naming the missing one"

for service in worker worker-office api-server; do
  t0=$SECONDS
  log "building $service (docker-compose build, base images $BUILD_IMAGE and $JRE_IMAGE)"
  timeout "$BUILD_TIMEOUT" "${COMPOSE[@]}" build "$service" >&2 || die "building $service failed"
  log "built $service in $((SECONDS - t0))s"
done

log "checking the images"
for image in "$API_SERVER_IMAGE" "$WORKER_IMAGE" "$WORKER_OFFICE_IMAGE"; do
  user="$(docker image inspect -f '{{.Config.User}}' "$image")"
  uid="$(docker run --rm --pull never --entrypoint id "$image" -u)"
  [ -n "$user" ] && [ "$uid" != 0 ] || die "$image runs as root (USER '$user', uid $uid)"
  health="$(docker image inspect -f '{{if .Config.Healthcheck}}{{join .Config.Healthcheck.Test " "}}{{end}}' "$image")"
  [[ "$health" == *actuator/health/readiness* ]] || die "$image has no readiness HEALTHCHECK ($health)"
  entrypoint="$(docker image inspect -f '{{json .Config.Entrypoint}}' "$image")"
  [[ "$entrypoint" == '["java",'* ]] || die "$image's entrypoint is not the JVM in exec form: $entrypoint"
  log "  $image: user $user (uid $uid), entrypoint $entrypoint"
done
for image in "$API_SERVER_IMAGE" "$WORKER_IMAGE"; do
  if docker run --rm --pull never --entrypoint sh "$image" -c 'command -v soffice || command -v libreoffice ||
      command -v tesseract || ls -d /usr/lib/libreoffice /opt/libreoffice* 2>/dev/null'; then
    die "$image contains LibreOffice or Tesseract"
  fi
done
office="$(docker run --rm --pull never --entrypoint soffice "$WORKER_OFFICE_IMAGE" --version 2>/dev/null)" \
  || die "the office pool's image has no working soffice"
docker run --rm --pull never --entrypoint tesseract "$WORKER_OFFICE_IMAGE" --version >/dev/null 2>&1 \
  || die "the office pool's image has no working tesseract"
log "  api-server and worker: no LibreOffice, no Tesseract; worker-office: $office, and Tesseract"

# ---------------------------------------------------------------- the stack

JOBS=" temporal-schema temporal-namespace "
# Services with a healthcheck must be healthy, the others running; the jobs must have exited 0.
all_up() { # expected number of containers
  local ids; ids="$(compose ps -q)"
  [ "$(wc -w <<<"$ids")" -eq "$1" ] || return 1
  local id service state
  for id in $ids; do
    service="$(docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")"
    state="$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.ExitCode}}' "$id")"
    if [[ "$JOBS" == *" $service "* ]]; then
      case "$state" in
        "exited none 0 0") ;;
        exited*|dead*) die "the job $service ended $state (status, health, restarts, exit code)" ;;
        *) return 1 ;;
      esac
      continue
    fi
    # A restart (restart: unless-stopped) means the application exited: fail now rather than at the deadline.
    case "$state" in
      "running healthy 0 "*|"running none 0 "*) ;;
      exited*|dead*|restarting*|*unhealthy*|*" "[1-9]*" "*) die "$service is $state (status, health, restarts, exit code)" ;;
      *) return 1 ;;
    esac
  done
}
wait_up() { # expected number of containers
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  until all_up "$1"; do
    [ $SECONDS -lt $deadline ] || die "the stack was not up within ${HEALTH_TIMEOUT}s"
    sleep 3
  done
  compose ps >&2
}

t0=$SECONDS
log "starting the stack (project $PROJECT; API on $API_PORT, Temporal UI on $TEMPORAL_UI_PORT)"
timeout "$HEALTH_TIMEOUT" "${COMPOSE[@]}" up -d --no-build >&2 || die "docker-compose up failed"
# postgres, the two jobs, temporal, temporal-ui, api-server, worker, worker-office
wait_up 8
log "the jobs are done and all services up $((SECONDS - t0))s after 'up'"
compose logs --no-color temporal-schema temporal-namespace | tail -n 8 >&2

log "checking the running containers' users"
for service in api-server worker worker-office; do
  uid="$(compose exec -T "$service" id -u | tr -d '\r')"
  [ "$uid" != 0 ] || die "$service runs as root"
  log "  $service runs as uid $uid"
done

log "checking that the stack is closed by default"
for id in $(compose ps -q); do
  service="$(docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")"
  bindings="$(docker inspect -f '{{range $port, $b := .HostConfig.PortBindings}}{{range $b}}{{$port}}={{.HostIp}} {{end}}{{end}}' "$id")"
  for binding in $bindings; do
    [ "${binding#*=}" = 127.0.0.1 ] || die "$service publishes ${binding%%=*} on '${binding#*=}', not on loopback"
  done
  case "$service" in
    api-server|temporal-ui) [ -n "$bindings" ] || die "$service publishes no port" ;;
    *) [ -z "$bindings" ] || die "$service publishes $bindings" ;;
  esac
  [ -z "$bindings" ] || log "  $service: $bindings"
done
api="http://127.0.0.1:$API_PORT/api/v1"
code="$(curl -s -o /dev/null -w '%{http_code}' "$api/documents")"
[ "$code" = 401 ] || die "the API answered $code without a token, not 401"
log "  published ports on loopback only, Temporal's gRPC port not published; the API answers 401 without a token"
AUTH=(-H "Authorization: Bearer $SCRIPTORIUM_API_TOKEN")

ui="http://127.0.0.1:$TEMPORAL_UI_PORT"
curl -fsS -o /dev/null "$ui/" || die "the Temporal UI does not answer on $TEMPORAL_UI_PORT"
log "the Temporal UI answers on $ui"

json_field() { # field, json: a flat top-level string or number field, without needing jq
  sed -n 's/.*"'"$1"'":"\{0,1\}\([^",}]*\)"\{0,1\}.*/\1/p' <<<"$2" | head -1
}

upload() { # file -> document id
  local body code
  body="$(curl -sS "${AUTH[@]}" -w '\n%{http_code}' -F "file=@$1" "$api/documents")" || die "uploading $1 failed"
  code="${body##*$'\n'}"; body="${body%$'\n'*}"
  [ "$code" = 202 ] || die "uploading $(basename "$1") answered $code: $body"
  local id; id="$(json_field id "$body")"
  [ -n "$id" ] || die "no id in the upload's answer: $body"
  log "  uploaded $(basename "$1"): document $id"
  echo "$id"
}

wait_ended() { # expected status, document ids...
  local expected="$1" deadline=$((SECONDS + DOCUMENT_TIMEOUT)) id body status
  shift
  for id in "$@"; do
    while :; do
      body="$(curl -fsS "${AUTH[@]}" "$api/documents/$id")" || die "reading document $id failed"
      status="$(json_field status "$body")"
      case "$status" in READY|FAILED|CANCELLED) break ;; esac
      [ $SECONDS -lt $deadline ] || die "document $id is still $status after ${DOCUMENT_TIMEOUT}s: $body"
      sleep 2
    done
    [ "$status" = "$expected" ] || die "document $id ended $status, not $expected: $body"
    log "  document $id $status: pages $(json_field pages "$body"), chunks $(json_field chunks "$body")$(
      [ "$status" = READY ] || echo ", error $(json_field code "$body")")"
  done
}

t0=$SECONDS
log "uploading a PDF and a DOCX (the DOCX is converted by the office pool: the main pool has no LibreOffice)"
pdf_id="$(upload "$PDF")"
docx_id="$(upload "$DOCX")"
wait_ended READY "$pdf_id" "$docx_id"
log "both documents READY $((SECONDS - t0))s after the first upload"
# A file that must fail, so that the failure metrics (and the dashboard's panel of them) have a series.
wait_ended FAILED "$(upload "$CORPUS/${SMOKE_FAILING:-pdf-encrypted-userpw-unstructured.pdf}")"

hits="$(curl -fsS "${AUTH[@]}" -G --data-urlencode "q=${SMOKE_QUERY:-memo}" --data-urlencode k=5 "$api/search")" \
  || die "search failed"
grep -q "$pdf_id\|$docx_id" <<<"$hits" || die "search found neither document: $hits"
log "search answers with the uploaded documents"

# The UI's own server lists the runs, as its workflows page does (the browser check of scripts/ui-check does the
# same against the dev server's UI).
runs="$(curl -fsS -G --data-urlencode "query=DocumentId=\"$pdf_id\" OR DocumentId=\"$docx_id\"" \
  "$ui/api/v1/namespaces/${TEMPORAL_NAMESPACE:-default}/workflows")" || die "the Temporal UI's API did not answer"
for id in "$pdf_id" "$docx_id"; do
  grep -q "$id" <<<"$runs" || die "the Temporal UI does not list the run of document $id: $runs"
done
log "the Temporal UI lists both documents' runs (Temporal server on PostgreSQL, visibility store included)"

# ---------------------------------------------------------------- Temporal restarted with documents in flight

t0=$SECONDS
log "uploading three more documents and restarting the Temporal server while they are processed"
inflight=()
for name in ${SMOKE_INFLIGHT:-pdf-text-13p-two-column-paper-unstructured.pdf pdf-tables-4p-fda-budget-pdfbox.pdf docx-tables-doj-budget-tika.docx}; do
  inflight+=("$(upload "$CORPUS/$name")")
done
# The check means something only if a document is still being processed when Temporal stops.
pending=0
for id in "${inflight[@]}"; do
  status="$(json_field status "$(curl -fsS "${AUTH[@]}" "$api/documents/$id")")"
  case "$status" in READY|FAILED|CANCELLED) ;; *) pending=$((pending + 1)) ;; esac
done
[ "$pending" -gt 0 ] || die "all three documents ended before Temporal was restarted: nothing was in flight"
timeout 120 "${COMPOSE[@]}" restart -t 20 temporal >&2 || die "restarting Temporal failed"
log "  Temporal restarted $((SECONDS - t0))s after the first upload, with $pending of them in flight"
wait_ended READY "${inflight[@]}"
log "all three READY after Temporal's restart ($((SECONDS - t0))s): its state survived in PostgreSQL"

# ---------------------------------------------------------------- scaling and pools

t0=$SECONDS
log "scaling the worker to 2"
timeout "$HEALTH_TIMEOUT" "${COMPOSE[@]}" up -d --no-build --no-recreate --scale worker=2 >&2 || die "scaling failed"
wait_up 9
log "the second worker is up $((SECONDS - t0))s after scaling"

# Pollers by task queue, through the admin-tools image: their identities are pid@hostname, a container's short id.
pollers() { # task queue -> the hostnames of its pollers, one per line
  compose run --rm --no-deps -T --entrypoint temporal temporal-namespace \
    task-queue describe --task-queue "$1" -o json 2>/dev/null | grep -o '"identity": *"[^"]*"' \
    | sed 's/.*@\([^"]*\)"/\1/' | sort -u
}
hosts_of() { compose ps -q "$1" | cut -c1-12; }
deadline=$((SECONDS + POLLER_TIMEOUT))
while :; do
  ingestion="$(pollers "$TASK_QUEUE")" || ingestion=""
  [ "$(grep -c . <<<"$ingestion")" -ge 2 ] && break
  [ $SECONDS -lt $deadline ] || die "Temporal sees $(grep -c . <<<"$ingestion") poller(s) on $TASK_QUEUE, not 2"
  sleep 2
done
workers="$(hosts_of worker)"; office_hosts="$(hosts_of worker-office)"
for host in $ingestion; do
  grep -q "$host" <<<"$workers" || die "$host polls $TASK_QUEUE but is not a replica of the main pool ($workers)"
done
[ "$(grep -c . <<<"$ingestion")" -eq 2 ] || die "Temporal sees $(grep -c . <<<"$ingestion") pollers on $TASK_QUEUE, expected 2"
office="$(pollers "$OFFICE_QUEUE")"
[ -n "$office" ] || die "nobody polls $OFFICE_QUEUE"
for host in $office; do
  grep -q "$host" <<<"$office_hosts" || die "$host polls $OFFICE_QUEUE but is not in the office pool ($office_hosts)"
done
log "Temporal sees the 2 main-pool replicas on $TASK_QUEUE, and only the office pool on $OFFICE_QUEUE"

# ---------------------------------------------------------------- monitoring profile

t0=$SECONDS
log "starting Prometheus of the monitoring profile (Grafana has no stand-in here: its dashboard is checked below)"
timeout 120 "${COMPOSE[@]}" --profile monitoring up -d --no-build --no-recreate prometheus >&2 \
  || die "starting Prometheus failed"
prom="http://127.0.0.1:$PROMETHEUS_PORT/api/v1"
deadline=$((SECONDS + POLLER_TIMEOUT))
while :; do
  # Targets by job and health, e.g. "worker up": both worker replicas, the office pool, the api-server, Temporal.
  health="$(curl -fsS "$prom/targets?state=active" 2>/dev/null | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    print(t["labels"]["job"], t["health"])' 2>/dev/null)" || health=""
  if [ "$(grep -c "^worker up$" <<<"$health")" -eq 2 ] && ! grep -qv " up$" <<<"$health" \
      && [ "$(grep -c . <<<"$health")" -eq 5 ]; then
    break
  fi
  [ $SECONDS -lt $deadline ] || die "Prometheus's targets are not all up: $(tr '\n' ',' <<<"$health")"
  sleep 3
done
log "Prometheus scrapes 5 targets, all up: $(sort <<<"$health" | uniq -c | tr -s ' \n' ' ')"
rules="$(curl -fsS "$prom/rules")" || die "Prometheus's rules did not answer"
python3 -c '
import json, sys
groups = json.load(sys.stdin)["data"]["groups"]
rules = [r for g in groups for r in g["rules"]]
bad = [r["name"] for r in rules if r.get("health") != "ok"]
if len(rules) < 5 or bad:
    sys.exit(f"alert rules: {len(rules)} loaded, unhealthy: {bad}")
print(f"{len(rules)} alert rules loaded and evaluating")' <<<"$rules" >&2 || die "the alert rules are not all evaluating"
# Every panel of the provisioned dashboard has data: its queries name metrics that exist.
sleep 20
python3 - "$prom" "$ROOT/docker/monitoring/grafana/dashboards/scriptorium.json" <<'PY' >&2 || die "a dashboard panel has no data"
import json, sys, urllib.parse, urllib.request
prom, path = sys.argv[1], sys.argv[2]
empty = []
for panel in json.load(open(path))["panels"]:
    for target in panel["targets"]:
        url = prom + "/query?" + urllib.parse.urlencode({"query": target["expr"]})
        result = json.load(urllib.request.urlopen(url, timeout=10))["data"]["result"]
        if not result:
            empty.append(panel["title"])
if empty:
    sys.exit("panels without data: " + ", ".join(empty))
print("every panel of the Scriptorium dashboard has data")
PY
log "monitoring checked in $((SECONDS - t0))s"

# ---------------------------------------------------------------- graceful stop

# docker stop sends SIGTERM and, after stop_grace_period, SIGKILL (exit code 137). A JVM that receives SIGTERM runs
# its shutdown (graceful Tomcat, workers stop polling) and exits with 143.
t0=$SECONDS
log "stopping the api-server and the workers"
timeout 300 "${COMPOSE[@]}" stop api-server worker worker-office >&2 || die "stopping failed"
for id in $(compose ps -q api-server worker worker-office); do
  name="$(docker inspect -f '{{.Name}}' "$id")"; code="$(docker inspect -f '{{.State.ExitCode}}' "$id")"
  case "$code" in
    0|143) log "  $name stopped on SIGTERM (exit $code)" ;;
    *) die "$name exited with $code, not 143: SIGTERM did not stop the JVM (137: killed after the grace period)" ;;
  esac
done
log "stopped in $((SECONDS - t0))s"

docker image ls --format 'table {{.Repository}}:{{.Tag}}\t{{.Size}}' \
  | grep -E "REPOSITORY|$API_SERVER_IMAGE|$WORKER_IMAGE|$WORKER_OFFICE_IMAGE|$POSTGRES_IMAGE|$TEMPORAL_SERVER_IMAGE|$TEMPORAL_UI_IMAGE|$JRE_IMAGE" >&2 || true
