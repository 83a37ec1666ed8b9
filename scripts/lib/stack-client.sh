# shellcheck shell=bash
# Shared helpers of the scripts that check the running local stack (`scripts/stack up`): faults, metrics, scaling.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/.stack}"
API="${API:-http://127.0.0.1:${API_PORT:-8080}}"
WORKER_HEALTH="${WORKER_HEALTH:-http://127.0.0.1:${WORKER_PORT:-8081}/actuator/health}"
CORPUS="${SCRIPTORIUM_CORPUS:-$ROOT/../shared/corpus}"
TEMPORAL_BIN="${TEMPORAL_BIN:-${SCRIPTORIUM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/scriptorium}/bin/temporal}"
export PGPASSWORD="${PG_PASSWORD:-scriptorium}"
PSQL=(psql -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PG_PORT:-5432}" -U "${PG_USER:-scriptorium}" "${PG_DB:-scriptorium}")
# Bearer token, when the stack runs with SCRIPTORIUM_API_TOKEN.
AUTH=()
if [ -n "${SCRIPTORIUM_API_TOKEN:-}" ]; then AUTH=(-H "Authorization: Bearer ${SCRIPTORIUM_API_TOKEN%%,*}"); fi

NAME="$(basename "$0" .sh)"
WORK="$(mktemp -d "/tmp/scriptorium-fault-$NAME.XXXXXX")"
EXTRA_WORKERS=()
cleanup() {
  stop_extra_workers
  rm -rf "$WORK"
}
trap cleanup EXIT
FAILURES=0

log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
fail() { printf '[%s] FAIL: %s\n' "$NAME" "$*" >&2; FAILURES=$((FAILURES + 1)); }
die() { printf '[%s] FAIL: %s\n' "$NAME" "$*" >&2; exit 1; }
finish() {
  if [ "$FAILURES" -gt 0 ]; then die "$FAILURES check(s) failed"; fi
  log "PASS"
}

sql() { "${PSQL[@]}" -c "$1"; }

temporal() { "$TEMPORAL_BIN" "$@" --address "127.0.0.1:${TEMPORAL_PORT:-7233}" --command-timeout 30s; }

# activity_starts WORKFLOW_ID -> one line per activity of the run: "identity attempt" of its last attempt
activity_starts() {
  temporal workflow show --workflow-id "$1" -o json \
    | jq -r '.events[] | select(.eventType == "EVENT_TYPE_ACTIVITY_TASK_STARTED")
             | .activityTaskStartedEventAttributes | "\(.identity) \(.attempt)"'
}

# upload FILE [FILENAME] -> prints "HTTP_STATUS BODY_FILE"
upload() {
  local file="$1" name="${2:-$(basename "$1")}" body; body="$(mktemp "$WORK/upload.XXXXXX")"
  local code
  code="$(curl -sS -o "$body" -w '%{http_code}' --max-time "${UPLOAD_TIMEOUT:-120}" "${AUTH[@]}" \
    -F "file=@$file;filename=$name" "$API/api/v1/documents" || echo 000)"
  echo "$code $body"
}

document() { curl -fsS --max-time 10 "${AUTH[@]}" "$API/api/v1/documents/$1"; }

# wait_terminal ID TIMEOUT_SECONDS -> prints the document JSON once READY/FAILED/CANCELLED; fails on timeout
wait_terminal() {
  local id="$1" deadline=$((SECONDS + $2)) json status
  while :; do
    json="$(document "$id" 2>/dev/null || true)"
    status="$(jq -r '.status // empty' <<<"$json" 2>/dev/null || true)"
    case "$status" in READY|FAILED|CANCELLED) echo "$json"; return 0 ;; esac
    [ $SECONDS -ge $deadline ] && { echo "$json"; return 1; }
    sleep 1
  done
}

health_up() { # URL
  [ "$(curl -sS --max-time 10 "$1" 2>/dev/null | jq -r .status 2>/dev/null)" = UP ]
}

wait_health() { # URL TIMEOUT
  local deadline=$((SECONDS + $2))
  until health_up "$1"; do [ $SECONDS -ge $deadline ] && return 1; sleep 1; done
}

require_stack() {
  health_up "$API/actuator/health" || die "the api-server at $API is not UP (scripts/stack up)"
  health_up "$WORKER_HEALTH" || die "the worker at $WORKER_HEALTH is not UP (scripts/stack up)"
}

# Every chunk row of READY document ID is there once: indexes 0..chunks-1, embedded and searchable.
check_chunks() { # ID
  local row
  row="$(sql "SELECT d.chunks, count(c.*), count(DISTINCT c.chunk_index), coalesce(min(c.chunk_index), -1),
                     coalesce(max(c.chunk_index), -1), count(c.*) FILTER (WHERE c.embedding IS NULL OR NOT c.searchable)
              FROM documents d LEFT JOIN chunks c ON c.document_id = d.id WHERE d.id = '$1' GROUP BY d.chunks")"
  local chunks rows distinct lo hi unembedded
  IFS='|' read -r chunks rows distinct lo hi unembedded <<<"$row"
  if [ -z "$chunks" ] || [ "$rows" != "$chunks" ] || [ "$distinct" != "$chunks" ] || [ "$unembedded" != 0 ] \
      || { [ "$chunks" -gt 0 ] && { [ "$lo" != 0 ] || [ "$hi" != $((chunks - 1)) ]; }; }; then
    fail "document $1: chunks=$chunks rows=$rows distinct=$distinct min=$lo max=$hi unembedded=$unembedded"
    return 1
  fi
  echo "$chunks"
}

# start_extra_worker PORT -> one more worker process on the stack's task queues, from a copy of the jar (a rebuild of
# target/ cannot pull it from under the JVM); waits until it is ready; its pid is left in EXTRA_PID. Stopped on exit.
start_extra_worker() {
  local port="$1" jar
  for jar in "$ROOT"/worker/target/worker-*.jar; do case "$jar" in *-plain.jar) ;; *) break ;; esac; done
  [ -f "$WORK/worker.jar" ] || cp "$jar" "$WORK/worker.jar"
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:${PG_PORT:-5432}/${PG_DB:-scriptorium}" \
  SPRING_DATASOURCE_USERNAME="${PG_USER:-scriptorium}" SPRING_DATASOURCE_PASSWORD="$PGPASSWORD" \
  SPRING_TEMPORAL_CONNECTION_TARGET="127.0.0.1:${TEMPORAL_PORT:-7233}" \
  SCRIPTORIUM_CONVERSION_WORKING_DIRECTORY="$STACK_DIR/office" \
    nohup java ${JAVA_OPTS:-} -Dscriptorium.stack.dir="$STACK_DIR" -jar "$WORK/worker.jar" --server.port="$port" \
    > "$STACK_DIR/logs/worker-$port.log" 2>&1 &
  EXTRA_PID=$!
  EXTRA_WORKERS+=("$EXTRA_PID")
  log "extra worker pid $EXTRA_PID on port $port"
  wait_health "http://127.0.0.1:$port/actuator/health/readiness" 240 \
    || die "the extra worker did not become ready (see $STACK_DIR/logs/worker-$port.log)"
}

stop_extra_workers() {
  local pid
  for pid in "${EXTRA_WORKERS[@]}"; do
    kill -0 "$pid" 2>/dev/null || continue
    log "stopping the extra worker (pid $pid)"; kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 180); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  EXTRA_WORKERS=()
}

# upload_texts COUNT BYTES: COUNT new text documents of this run, each with BYTES of War and Peace (a few embedding
# batches each); their ids are appended to IDS.
IDS=()
upload_texts() {
  local count="$1" bytes="$2" run i code body
  run="$NAME-$(date +%s)-$$"
  for i in $(seq 1 "$count"); do
    # (head closes the pipe early: tail's SIGPIPE is expected)
    { echo "$run, document $i."; tail -c +$((i * 7919)) "$CORPUS/txt-war-and-peace-unstructured.txt" | head -c "$bytes" || true; } \
      > "$WORK/$run-$i.txt"
    read -r code body < <(upload "$WORK/$run-$i.txt")
    [ "$code" = 202 ] || die "upload of $run-$i.txt answered $code: $(head -c 300 "$body")"
    IDS+=("$(jq -r .id "$body")")
  done
}

# wait_processing TIMEOUT: until one of IDS is PROCESSING (the fault then hits work in flight)
wait_processing() {
  local deadline=$((SECONDS + $1)) list
  list="$(printf "'%s'," "${IDS[@]}")"
  until [ "$(sql "SELECT count(*) FROM documents WHERE id IN (${list%,}) AND status = 'PROCESSING'")" -gt 0 ]; do
    [ $SECONDS -ge $deadline ] && die "none of the documents reached PROCESSING within $1s"
    sleep 0.5
  done
}

# expect_all_ready TIMEOUT: every document of IDS ends READY, with each of its chunks once
expect_all_ready() {
  local id json deadline=$((SECONDS + $1))
  for id in "${IDS[@]}"; do
    json="$(wait_terminal "$id" $((deadline > SECONDS ? deadline - SECONDS : 1)))" \
      || { fail "document $id not terminal within $1s: $(jq -c '{status, stage}' <<<"$json" 2>/dev/null)"; continue; }
    [ "$(jq -r .status <<<"$json")" = READY ] || { fail "document $id is $(jq -c '{status, error}' <<<"$json")"; continue; }
    check_chunks "$id" >/dev/null || true
  done
  log "${#IDS[@]} documents checked"
}

# wait_stage ID STAGE TIMEOUT: until document ID is PROCESSING at STAGE (the moment a fault is aimed at); fails if
# it ends first or the time runs out
wait_stage() {
  local deadline=$((SECONDS + $3)) now
  while :; do
    now="$(sql "SELECT status || ' ' || stage FROM documents WHERE id = '$1'")"
    [ "$now" = "PROCESSING $2" ] && return 0
    case "$now" in READY*|FAILED*|CANCELLED*) die "document $1 reached '$now' before $2 was seen; use a larger FILE" ;; esac
    [ $SECONDS -ge $deadline ] && die "document $1 never reached $2 within $3s (last: $now)"
    sleep 0.2
  done
}

# restart_service NAME: start it again the way a user does (scripts/stack up starts what is not running)
restart_service() {
  log "starting $1 again (scripts/stack up)"
  "$ROOT/scripts/stack" up > "$WORK/stack-up.log" 2>&1 || { tail -n 20 "$WORK/stack-up.log" >&2; die "scripts/stack up failed"; }
}

# reprocess FILE -> the document's id: its known bytes processed again by a new workflow run (202)
reprocess() {
  local code
  code="$(curl -sS -o "$WORK/reprocess.json" -w '%{http_code}' --max-time 120 "${AUTH[@]}" -F "file=@$1" \
    "$API/api/v1/documents?reprocess=true" || echo 000)"
  [ "$code" = 202 ] || die "reprocess of $(basename "$1") answered $code: $(head -c 300 "$WORK/reprocess.json")"
  jq -r .id "$WORK/reprocess.json"
}

# reference_run FILE TIMEOUT: the document of FILE processed undisturbed (already, or now);
# sets REF_ID and REF_CHUNKS, its chunk count, for expect_like_reference after a fault
reference_run() {
  local code body json
  read -r code body < <(upload "$1")
  case "$code" in 200|202) ;; *) die "upload answered $code: $(head -c 300 "$body")" ;; esac
  REF_ID="$(jq -r .id "$body")"
  json="$(wait_terminal "$REF_ID" "$2")" || die "reference run of $REF_ID not terminal within $2s"
  [ "$(jq -r .status <<<"$json")" = READY ] || die "reference run of $REF_ID is $(jq -c '{status, error}' <<<"$json")"
  REF_CHUNKS="$(check_chunks "$REF_ID")" || die "reference run of $REF_ID is inconsistent"
  log "reference: document $REF_ID has $REF_CHUNKS chunks"
}

# expect_like_reference TIMEOUT: REF_ID, processed again through a fault, ends READY with the reference's chunks;
# leaves its JSON in REF_JSON. (Not to be called in $(...): its failures must count in this shell.)
expect_like_reference() {
  local status chunks
  REF_JSON="$(wait_terminal "$REF_ID" "$1")" || fail "document $REF_ID not terminal within $1s after the fault"
  status="$(jq -r .status <<<"$REF_JSON")"
  [ "$status" = READY ] || fail "document $REF_ID is $(jq -c '{status, error}' <<<"$REF_JSON") after the fault"
  if [ "$status" = READY ]; then
    chunks="$(check_chunks "$REF_ID")" || true
    [ "$chunks" = "$REF_CHUNKS" ] || fail "document $REF_ID has $chunks chunks after the fault, $REF_CHUNKS undisturbed"
    log "after the fault: $chunks chunks (reference $REF_CHUNKS)"
  fi
}
