#!/usr/bin/env bash
# The Temporal server restarts (the dev server on its SQLite file) while documents are in flight. While it is down an
# upload is refused with 503 UNAVAILABLE and leaves no document behind; once it is back, the workers and the
# api-server reconnect by themselves and every document in flight ends READY with each of its chunks once.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
COUNT="${COUNT:-6}"
DOWN_SECONDS="${DOWN_SECONDS:-15}"
DOC_TIMEOUT="${DOC_TIMEOUT:-600}"
require_stack

upload_texts "$COUNT" 30000
wait_processing 120
log "documents in flight; stopping the Temporal server"
"$ROOT/scripts/stack" stop temporal
stopped=$SECONDS

# Nothing is accepted that no workflow would move on.
probe="$WORK/while-down-$(date +%s%N).txt"
echo "Uploaded while Temporal was down, $(date +%s%N)." > "$probe"
read -r code body < <(upload "$probe")
if [ "$code" = 503 ] && [ "$(jq -r .code "$body")" = UNAVAILABLE ]; then
  log "upload while Temporal is down: 503 UNAVAILABLE"
else
  fail "upload while Temporal is down answered $code: $(head -c 300 "$body")"
fi
sha="$(sha256sum "$probe" | cut -d' ' -f1)"
[ "$(sql "SELECT count(*) FROM documents WHERE sha256 = '$sha'")" = 0 ] || fail "the refused upload left a document row"

sleep $((DOWN_SECONDS > SECONDS - stopped ? DOWN_SECONDS - (SECONDS - stopped) : 0))
restart_service temporal
expect_all_ready "$DOC_TIMEOUT"
health_up "$API/actuator/health" || fail "api-server not UP after the restart"
health_up "$WORKER_HEALTH" || fail "worker not UP after the restart"
finish
