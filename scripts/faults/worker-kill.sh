#!/usr/bin/env bash
# A worker dies mid-document (kill -9 while the document is at EMBED); a second worker finishes it. The document
# still becomes READY within DOC_TIMEOUT with exactly the chunks of an undisturbed run: indexes 0..n-1, each once,
# all embedded. Afterwards the killed worker is started again (scripts/stack up) and the second one stopped.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
# Default: a text of this run only (the stack is shared, and someone else may reprocess a corpus file meanwhile).
FILE="${FILE:-}"
DOC_TIMEOUT="${DOC_TIMEOUT:-900}"
SECOND_PORT="${SECOND_PORT:-8091}"
require_stack
if [ -z "$FILE" ]; then
  FILE="$WORK/worker-kill-$(date +%s)-$$.txt"
  { echo "Worker kill test $(date +%s%N)"; head -c "${TEXT_BYTES:-400000}" "$CORPUS/txt-war-and-peace-unstructured.txt"; } > "$FILE"
fi
[ -f "$FILE" ] || die "no file $FILE"
first_pid="$(cat "$STACK_DIR/run/worker.pid")"

# 1. Reference: the document processed undisturbed (ingested now if this is the first run).
reference_run "$FILE" "$DOC_TIMEOUT"
id="$REF_ID"

# 2. A second worker on the same task queues.
start_extra_worker "$SECOND_PORT"

# 3. Reprocess, kill -9 the first worker at EMBED.
reprocess "$FILE" >/dev/null
wait_stage "$id" EMBED "$DOC_TIMEOUT"
# The plain status comes from the database; progress=true asks the running workflow, whose answer may miss the
# API's query timeout while the worker's cores are busy embedding: a few tries, as a client would.
for _ in 1 2 3 4 5; do
  progress="$(document "$id?progress=true" | jq -c .progress)"
  [ "$progress" != null ] && break
done
[ "$(jq -r '.stage + " " + (.chunks | tostring)' <<<"$progress")" = "EMBED $(sql "SELECT count(*) FROM chunks WHERE document_id = '$id'")" ] \
  || fail "the running workflow's progress is $progress, not EMBED with every chunk counted"
log "document at EMBED (workflow progress $progress): kill -9 the first worker (pid $first_pid)"
kill -KILL "$first_pid"

# 4. READY with the reference's chunks.
expect_like_reference "$DOC_TIMEOUT"

# 5. Leave the stack as it was.
log "restarting the first worker"
"$ROOT/scripts/stack" up >/dev/null 2>&1 || fail "scripts/stack up did not bring the worker back"
health_up "$WORKER_HEALTH" || fail "the restarted worker is not UP"
finish
