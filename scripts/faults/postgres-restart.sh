#!/usr/bin/env bash
# PostgreSQL restarts while documents are in flight. While it is down the API answers 503 UNAVAILABLE as a problem
# (never a 500 or a stack trace) and readiness is DOWN while liveness stays UP; once it is back both apps recover by
# themselves, the activities that failed meanwhile are retried, and every document ends READY with each chunk once.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
COUNT="${COUNT:-6}"
DOWN_SECONDS="${DOWN_SECONDS:-20}"
DOC_TIMEOUT="${DOC_TIMEOUT:-600}"
require_stack

# expect_unavailable WHAT CODE BODY: a 503 problem with code UNAVAILABLE and nothing of the server's insides
expect_unavailable() {
  if [ "$2" = 503 ] && [ "$(jq -r .code "$3" 2>/dev/null)" = UNAVAILABLE ] && ! grep -qE 'Exception|\bat [a-z]+\.' "$3"; then
    log "$1 while PostgreSQL is down: 503 UNAVAILABLE"
  else
    fail "$1 while PostgreSQL is down answered $2: $(head -c 300 "$3")"
  fi
}

upload_texts "$COUNT" 30000
wait_processing 120
log "documents in flight; stopping PostgreSQL"
"$ROOT/scripts/stack" stop postgres
stopped=$SECONDS

code="$(curl -sS -o "$WORK/get.json" -w '%{http_code}' --max-time 60 "${AUTH[@]}" "$API/api/v1/documents/${IDS[0]}" || echo 000)"
expect_unavailable "GET /api/v1/documents/{id}" "$code" "$WORK/get.json"
echo "Uploaded while PostgreSQL was down, $(date +%s%N)." > "$WORK/probe.txt"
read -r code body < <(upload "$WORK/probe.txt")
expect_unavailable "upload" "$code" "$body"
code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 "$API/actuator/health/readiness" || echo 000)"
[ "$code" = 503 ] || fail "api-server readiness answered $code while PostgreSQL is down, expected 503"
health_up "$API/actuator/health/liveness" || fail "api-server liveness is not UP while PostgreSQL is down"

sleep $((DOWN_SECONDS > SECONDS - stopped ? DOWN_SECONDS - (SECONDS - stopped) : 0))
restart_service postgres
wait_health "$API/actuator/health/readiness" 60 || fail "api-server readiness not UP within 60s of PostgreSQL's return"
code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 "${AUTH[@]}" "$API/api/v1/documents/${IDS[0]}" || echo 000)"
[ "$code" = 200 ] || fail "GET /api/v1/documents/{id} answered $code after PostgreSQL's return"
expect_all_ready "$DOC_TIMEOUT"
health_up "$WORKER_HEALTH" || fail "worker not UP after the restart"
finish
