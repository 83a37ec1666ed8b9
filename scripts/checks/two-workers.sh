#!/usr/bin/env bash
# Workers scale by starting more of them. A second worker process joins the running stack's worker on the same task
# queues; COUNT documents of this run (texts, and DOCX files that need the office queue) are uploaded at once. Then:
# both workers poll both queues (`temporal task-queue describe`), every document is READY with its chunks, and the
# activities were executed by both processes: each ActivityTaskStarted event of the histories names its worker
# ("pid@host"), and both pids appear.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
COUNT="${COUNT:-8}"
DOC_TIMEOUT="${DOC_TIMEOUT:-600}"
SECOND_PORT="${SECOND_PORT:-8092}"
require_stack
[ -x "$TEMPORAL_BIN" ] || die "no Temporal CLI at $TEMPORAL_BIN (scripts/stack install)"

first_pid="$(cat "$STACK_DIR/run/worker.pid")"
start_extra_worker "$SECOND_PORT"
second_pid="$EXTRA_PID"

# 1. Both poll both queues.
for queue in scriptorium-ingestion scriptorium-office; do
  pollers="$(temporal task-queue describe --task-queue "$queue" -o json | jq -r '[.pollers[].identity] | unique | join(" ")')"
  for pid in "$first_pid" "$second_pid"; do
    [[ " $pollers " == *" $pid@"* ]] || fail "worker $pid does not poll $queue (pollers: $pollers)"
  done
done

# 2. COUNT documents at once: texts of this run, and every fourth one an office file reprocessed (conversion).
office=(docx-headers-footers-unstructured.docx odt-text-and-table-unstructured.odt docx-features-various-tika.docx
  rtf-simple-unstructured.rtf)
run="two-workers-$(date +%s)-$$"
ids=()
for i in $(seq 1 "$COUNT"); do
  if [ $((i % 4)) = 0 ]; then
    code="$(curl -sS -o "$WORK/$i.json" -w '%{http_code}' --max-time 120 "${AUTH[@]}" \
      -F "file=@$CORPUS/${office[$((i / 4 % ${#office[@]}))]}" "$API/api/v1/documents?reprocess=true" || echo 000)"
    body="$WORK/$i.json"
  else
    { echo "Scaling check $run, document $i."; head -c $((4000 * i)) "$CORPUS/txt-war-and-peace-unstructured.txt"; } \
      > "$WORK/$run-$i.txt"
    read -r code body < <(upload "$WORK/$run-$i.txt")
  fi
  [ "$code" = 202 ] || die "upload $i answered $code: $(head -c 300 "$body")"
  ids+=("$(jq -r .id "$body")")
done
log "uploaded ${#ids[@]} documents"

# 3. All READY and whole; the histories say who ran each activity.
: > "$WORK/identities"
for id in "${ids[@]}"; do
  json="$(wait_terminal "$id" "$DOC_TIMEOUT")" || { fail "document $id not terminal within ${DOC_TIMEOUT}s"; continue; }
  [ "$(jq -r .status <<<"$json")" = READY ] || { fail "document $id is $(jq -c '{status, error}' <<<"$json")"; continue; }
  check_chunks "$id" >/dev/null || true
  activity_starts "$(jq -r .workflowId <<<"$json")" | cut -d' ' -f1 >> "$WORK/identities"
done
log "activities by worker: $(sort "$WORK/identities" | uniq -c | tr -s ' \n' ' ')"
for pid in "$first_pid" "$second_pid"; do
  grep -q "^$pid@" "$WORK/identities" || fail "no activity ran on worker $pid"
done
health_up "$WORKER_HEALTH" || fail "the first worker is not UP"
health_up "http://127.0.0.1:$SECOND_PORT/actuator/health" || fail "the second worker is not UP"
finish
