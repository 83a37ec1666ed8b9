#!/usr/bin/env bash
# Smoke test of the container images and docker-compose.temporal.yml, on a machine without a registry:
#   1. starts a Docker engine and builds the local stand-in base images (../shared/tools/container-engine.sh);
#   2. validates the compose file and builds both images from it, the stand-ins passed as build arguments;
#   3. checks the images: non-root user, LibreOffice in the worker and none in the api-server;
#   4. brings the stack up under its own project name and free ports (the compose file unchanged: images and ports are
#      environment variables), waits until every service is healthy;
#   5. uploads a PDF and a DOCX from the corpus and waits until both are READY, then searches;
#   6. scales the worker to 2 and waits until Temporal lists two pollers on the ingestion task queue;
#   7. stops the api-server and the workers and checks that SIGTERM stopped their JVMs (exit 143, not SIGKILL's 137);
#   8. removes the stack and its volumes (down -v), also when a step fails.
# Every wait is bounded. Usage: scripts/compose-smoke.sh   (no arguments; knobs below as environment variables)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ENGINE="${CONTAINER_ENGINE:-$ROOT/../shared/tools/container-engine.sh}"
# The stand-in Temporal image is built from this binary (scripts/stack install builds it).
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
for v in BUILD_IMAGE JRE_IMAGE POSTGRES_IMAGE TEMPORAL_IMAGE; do
  [ -n "${!v:-}" ] || die "$v is not set by '$ENGINE env' (for TEMPORAL_IMAGE: is $TEMPORAL_BIN there?)"
done
export BUILD_IMAGE JRE_IMAGE POSTGRES_IMAGE TEMPORAL_IMAGE
export API_SERVER_IMAGE="${SMOKE_API_SERVER_IMAGE:-scriptorium/api-server:smoke}"
export WORKER_IMAGE="${SMOKE_WORKER_IMAGE:-scriptorium/worker:smoke}"

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
export TEMPORAL_PORT="${SMOKE_TEMPORAL_PORT:-$(free_port 17233)}"

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
  timeout 240 "${COMPOSE[@]}" down -v --remove-orphans -t 30 >&2 \
    || log "down -v failed"
  rm -f "$EMPTY_ENV"
  if [ $status -eq 0 ]; then log "PASSED in $((SECONDS - started_at))s"; else log "FAILED (exit $status)"; fi
  exit $status
}
trap finish EXIT
trap 'exit 130' INT TERM

log "removing what an earlier run of project $PROJECT may have left"
timeout 240 "${COMPOSE[@]}" down -v --remove-orphans -t 10 >/dev/null 2>&1 || true

# ---------------------------------------------------------------- compose file and images

log "validating the compose file (public defaults, then with the stand-ins)"
(unset BUILD_IMAGE JRE_IMAGE POSTGRES_IMAGE TEMPORAL_IMAGE API_SERVER_IMAGE WORKER_IMAGE API_PORT TEMPORAL_UI_PORT TEMPORAL_PORT
 docker-compose --env-file "$EMPTY_ENV" -f "$COMPOSE_FILE" config -q) || die "docker-compose config failed"
compose config -q || die "docker-compose config failed with the stand-in images"

for service in worker api-server; do
  t0=$SECONDS
  log "building $service (docker-compose build, base images $BUILD_IMAGE and $JRE_IMAGE)"
  timeout "$BUILD_TIMEOUT" "${COMPOSE[@]}" build "$service" >&2 || die "building $service failed"
  log "built $service in $((SECONDS - t0))s"
done

log "checking the images"
for image in "$API_SERVER_IMAGE" "$WORKER_IMAGE"; do
  user="$(docker image inspect -f '{{.Config.User}}' "$image")"
  uid="$(docker run --rm --pull never --entrypoint id "$image" -u)"
  [ -n "$user" ] && [ "$uid" != 0 ] || die "$image runs as root (USER '$user', uid $uid)"
  health="$(docker image inspect -f '{{if .Config.Healthcheck}}{{join .Config.Healthcheck.Test " "}}{{end}}' "$image")"
  [[ "$health" == *actuator/health/readiness* ]] || die "$image has no readiness HEALTHCHECK ($health)"
  entrypoint="$(docker image inspect -f '{{json .Config.Entrypoint}}' "$image")"
  [[ "$entrypoint" == '["java",'* ]] || die "$image's entrypoint is not the JVM in exec form: $entrypoint"
  log "  $image: user $user (uid $uid), entrypoint $entrypoint"
done
if docker run --rm --pull never --entrypoint sh "$API_SERVER_IMAGE" -c \
    'command -v soffice || command -v libreoffice || ls -d /usr/lib/libreoffice /opt/libreoffice* 2>/dev/null'; then
  die "the api-server image contains LibreOffice"
fi
office="$(docker run --rm --pull never --entrypoint soffice "$WORKER_IMAGE" --version 2>/dev/null)" \
  || die "the worker image has no working soffice"
log "  api-server: no LibreOffice; worker: $office"

# ---------------------------------------------------------------- the stack

all_healthy() { # expected number of containers
  local ids; ids="$(compose ps -q)"
  [ "$(wc -w <<<"$ids")" -eq "$1" ] || return 1
  local id state
  for id in $ids; do
    # A restart (restart: unless-stopped) means the application exited: fail now rather than at the deadline.
    state="$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' "$id")"
    case "$state" in
      "running healthy 0") ;;
      exited*|dead*|restarting*|*unhealthy*|*" "[1-9]*) die "container $(docker inspect -f '{{.Name}}' "$id") is $state (status, health, restarts)" ;;
      *) return 1 ;;
    esac
  done
}
wait_healthy() { # expected number of containers
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  until all_healthy "$1"; do
    [ $SECONDS -lt $deadline ] || die "the stack was not healthy within ${HEALTH_TIMEOUT}s"
    sleep 3
  done
  compose ps >&2
}

t0=$SECONDS
log "starting the stack (project $PROJECT; API on $API_PORT, Temporal UI on $TEMPORAL_UI_PORT, gRPC on $TEMPORAL_PORT)"
timeout "$HEALTH_TIMEOUT" "${COMPOSE[@]}" up -d --no-build >&2 || die "docker-compose up failed"
wait_healthy 4
log "all 4 services healthy $((SECONDS - t0))s after 'up'"

log "checking the running containers' users"
for service in api-server worker; do
  uid="$(compose exec -T "$service" id -u | tr -d '\r')"
  [ "$uid" != 0 ] || die "$service runs as root"
  log "  $service runs as uid $uid"
done

api="http://127.0.0.1:$API_PORT/api/v1"
curl -fsS -o /dev/null "http://127.0.0.1:$TEMPORAL_UI_PORT/" || die "the Temporal UI does not answer on $TEMPORAL_UI_PORT"
log "the Temporal UI answers on http://127.0.0.1:$TEMPORAL_UI_PORT"

json_field() { # field, json: a flat top-level string or number field, without needing jq
  sed -n 's/.*"'"$1"'":"\{0,1\}\([^",}]*\)"\{0,1\}.*/\1/p' <<<"$2" | head -1
}

upload() { # file -> document id
  local body code
  body="$(curl -sS -w '\n%{http_code}' -F "file=@$1" "$api/documents")" || die "uploading $1 failed"
  code="${body##*$'\n'}"; body="${body%$'\n'*}"
  [ "$code" = 202 ] || die "uploading $(basename "$1") answered $code: $body"
  local id; id="$(json_field id "$body")"
  [ -n "$id" ] || die "no id in the upload's answer: $body"
  log "  uploaded $(basename "$1"): document $id" 
  echo "$id"
}

t0=$SECONDS
log "uploading a PDF and a DOCX"
pdf_id="$(upload "$PDF")"
docx_id="$(upload "$DOCX")"
deadline=$((SECONDS + DOCUMENT_TIMEOUT))
for id in "$pdf_id" "$docx_id"; do
  while :; do
    body="$(curl -fsS "$api/documents/$id")" || die "reading document $id failed"
    status="$(json_field status "$body")"
    case "$status" in READY|FAILED|CANCELLED) break ;; esac
    [ $SECONDS -lt $deadline ] || die "document $id is still $status after ${DOCUMENT_TIMEOUT}s: $body"
    sleep 2
  done
  [ "$status" = READY ] || die "document $id ended $status: $body"
  log "  document $id READY: pages $(json_field pages "$body"), chunks $(json_field chunks "$body")"
done
log "both documents READY $((SECONDS - t0))s after the first upload"

hits="$(curl -fsS -G --data-urlencode "q=${SMOKE_QUERY:-memo}" --data-urlencode k=5 "$api/search")" || die "search failed"
grep -q "$pdf_id\|$docx_id" <<<"$hits" || die "search found neither document: $hits"
log "search answers with the uploaded documents"

# ---------------------------------------------------------------- scaling

t0=$SECONDS
log "scaling the worker to 2"
timeout "$HEALTH_TIMEOUT" "${COMPOSE[@]}" up -d --no-build --no-recreate --scale worker=2 >&2 || die "scaling failed"
wait_healthy 5
log "the second worker is healthy $((SECONDS - t0))s after scaling"

describe() { compose exec -T temporal temporal task-queue describe --address 127.0.0.1:7233 --task-queue "$TASK_QUEUE" "$@"; }
deadline=$((SECONDS + POLLER_TIMEOUT))
while :; do
  pollers="$(describe -o json | grep -o '"identity": *"[^"]*"' | sort -u | wc -l)" || pollers=0
  [ "$pollers" -ge 2 ] && break
  [ $SECONDS -lt $deadline ] || { describe >&2 || true; die "Temporal sees $pollers poller(s) on $TASK_QUEUE, not 2"; }
  sleep 2
done
describe >&2
[ "$pollers" -eq 2 ] || die "Temporal sees $pollers pollers on $TASK_QUEUE, expected 2"
log "Temporal sees 2 pollers on $TASK_QUEUE"

# ---------------------------------------------------------------- graceful stop

# docker stop sends SIGTERM and, after stop_grace_period, SIGKILL (exit code 137). A JVM that receives SIGTERM runs
# its shutdown (graceful Tomcat, workers stop polling) and exits with 143.
t0=$SECONDS
log "stopping the api-server and the workers"
timeout 300 "${COMPOSE[@]}" stop api-server worker >&2 || die "stopping failed"
for id in $(compose ps -q api-server worker); do
  name="$(docker inspect -f '{{.Name}}' "$id")"; code="$(docker inspect -f '{{.State.ExitCode}}' "$id")"
  case "$code" in
    0|143) log "  $name stopped on SIGTERM (exit $code)" ;;
    *) die "$name exited with $code, not 143: SIGTERM did not stop the JVM (137: killed after the grace period)" ;;
  esac
done
log "stopped in $((SECONDS - t0))s"

docker image ls --format 'table {{.Repository}}:{{.Tag}}\t{{.Size}}' \
  | grep -E "REPOSITORY|$API_SERVER_IMAGE|$WORKER_IMAGE|$POSTGRES_IMAGE|$TEMPORAL_IMAGE|$JRE_IMAGE" >&2 || true
