#!/usr/bin/env bash
# SIGTERM drains a worker. While a document of this run is being embedded, the stack's worker gets SIGTERM: it stops
# polling, lets the embedding batches it is running finish and report, and exits within its grace period. Started
# again, it finishes the document, which ends READY with each chunk once, and no activity of the run needed a
# second attempt (nothing was cut off half-way).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
DOC_TIMEOUT="${DOC_TIMEOUT:-600}"
GRACE_SECONDS="${GRACE_SECONDS:-60}"
require_stack

upload_texts 1 150000
id="${IDS[0]}"
wait_stage "$id" EMBED "$DOC_TIMEOUT"
sleep 2
pid="$(cat "$STACK_DIR/run/worker.pid")"
embedded_before="$(sql "SELECT count(*) FROM chunks WHERE document_id = '$id' AND embedding IS NOT NULL")"
log "document at EMBED ($embedded_before chunks embedded): SIGTERM to the worker (pid $pid)"
kill -TERM "$pid"
stopped=$SECONDS
while kill -0 "$pid" 2>/dev/null; do
  if [ $((SECONDS - stopped)) -ge "$GRACE_SECONDS" ]; then
    fail "the worker was still running ${GRACE_SECONDS}s after SIGTERM"; kill -KILL "$pid"; break
  fi
  sleep 0.5
done
log "the worker exited $((SECONDS - stopped))s after SIGTERM"
grep -q "Workers drained" "$STACK_DIR/logs/worker.log" || fail "the worker's log does not say it drained its workers"
embedded_after="$(sql "SELECT count(*) FROM chunks WHERE document_id = '$id' AND embedding IS NOT NULL")"
log "chunks embedded: $embedded_before at SIGTERM, $embedded_after when the worker had exited"

restart_service worker
json="$(wait_terminal "$id" "$DOC_TIMEOUT")" || fail "document $id not terminal within ${DOC_TIMEOUT}s"
[ "$(jq -r .status <<<"$json")" = READY ] || fail "document $id is $(jq -c '{status, error}' <<<"$json")"
check_chunks "$id" >/dev/null || true
retried="$(activity_starts "$(jq -r .workflowId <<<"$json")" | awk '$2 > 1' | wc -l)"
[ "$retried" = 0 ] || fail "$retried activities of the run needed more than one attempt: one was cut off"
finish
