#!/usr/bin/env bash
# LibreOffice dies (kill -9 of its soffice processes) in the middle of a conversion. The conversion attempt fails as
# retryable, the worker's office manager starts a new LibreOffice, the retry converts, and the document ends READY
# with the chunks of an undisturbed run.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
# Large enough that its conversion lasts several seconds.
FILE="${FILE:-$CORPUS/docx-large-125k-words-us-trustee-handbook-unstructured.docx}"
DOC_TIMEOUT="${DOC_TIMEOUT:-900}"
require_stack

# 1. Reference: the document processed undisturbed (already, or now).
reference_run "$FILE" "$DOC_TIMEOUT"
id="$REF_ID"

# 2. Reprocess; kill LibreOffice once the conversion has been running for a moment.
reprocess "$FILE" >/dev/null
wait_stage "$id" CONVERT 300
deadline=$((SECONDS + 60))
until pgrep -f "soffice.*$STACK_DIR" >/dev/null; do
  [ $SECONDS -ge $deadline ] && die "no LibreOffice process of the stack is running"
  sleep 0.2
done
# Stage CONVERT starts with the worker checking and rewriting the file; LibreOffice is converting once it uses CPU
# (an idle one uses none): wait for half a second of it.
soffice_ticks() { # utime + stime of the stack's LibreOffice processes, in clock ticks
  local total=0 pid
  for pid in $(pgrep -f "soffice.*$STACK_DIR"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
start_ticks="$(soffice_ticks)"
until [ $(( $(soffice_ticks) - start_ticks )) -ge 50 ]; do
  [ $SECONDS -ge $deadline ] && die "LibreOffice did not start converting within 60 s"
  sleep 0.2
done
sleep "${KILL_AFTER:-1}"
[ "$(sql "SELECT stage FROM documents WHERE id = '$id'")" = CONVERT ] || die "the conversion ended before the kill; use a larger FILE"
log "killing LibreOffice: $(pgrep -f "soffice.*$STACK_DIR" | tr '\n' ' ')"
pkill -KILL -f "soffice.*$STACK_DIR"

# 3. READY with the reference's chunks, after a failed conversion attempt.
expect_like_reference "$DOC_TIMEOUT"
attempts="$(activity_starts "$(jq -r .workflowId <<<"$REF_JSON")" | cut -d' ' -f2 | sort -n | tail -1)"
log "highest activity attempt in the run: $attempts"
[ "$attempts" -ge 2 ] || fail "no activity was retried: the kill did not hit the conversion"
health_up "$WORKER_HEALTH" || fail "worker not UP after the kill"
finish
