# Shared helpers of the fault scripts (sourced, not run). They talk to the running local stack (`scripts/stack up`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/.stack}"
API="${API:-http://127.0.0.1:${API_PORT:-8080}}"
WORKER_HEALTH="${WORKER_HEALTH:-http://127.0.0.1:${WORKER_PORT:-8081}/actuator/health}"
CORPUS="${SCRIPTORIUM_CORPUS:-$ROOT/../shared/corpus}"
export PGPASSWORD="${PG_PASSWORD:-scriptorium}"
PSQL=(psql -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PG_PORT:-5432}" -U "${PG_USER:-scriptorium}" "${PG_DB:-scriptorium}")
# Bearer token, when the stack runs with SCRIPTORIUM_API_TOKEN.
AUTH=()
if [ -n "${SCRIPTORIUM_API_TOKEN:-}" ]; then AUTH=(-H "Authorization: Bearer ${SCRIPTORIUM_API_TOKEN%%,*}"); fi

NAME="$(basename "$0" .sh)"
WORK="$(mktemp -d "/tmp/scriptorium-fault-$NAME.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FAILURES=0

log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
fail() { printf '[%s] FAIL: %s\n' "$NAME" "$*" >&2; FAILURES=$((FAILURES + 1)); }
die() { printf '[%s] FAIL: %s\n' "$NAME" "$*" >&2; exit 1; }
finish() {
  if [ "$FAILURES" -gt 0 ]; then die "$FAILURES check(s) failed"; fi
  log "PASS"
}

sql() { "${PSQL[@]}" -c "$1"; }

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
