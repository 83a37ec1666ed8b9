#!/usr/bin/env bash
# The meters count what really happened. Documents of this run go through the running stack: a 4-page PDF and a
# 1-page DOCX reprocessed (parse, and conversion), a new text, a corrupt PDF (fails in PARSE) and a corrupt DOCX
# (fails in CONVERT), the text again (a duplicate) and an empty file (rejected). Between a scrape before and one after:
# - worker: pages processed and chunks embedded grew by exactly the pages and chunks the database has for them;
#   one more successful duration per document for parse (which chunks too) and embed, none for chunk (no OCR here),
#   and per office file for convert;
#   a failure with its stage and code for each corrupt file, and a conversion failure for the DOCX;
# - api-server: uploads by outcome grew by exactly what the API answered; documents by status equal the database's;
# - both expose the Temporal SDK's meters (temporal_*).
# Run it when nothing else uses the stack: the deltas are exact.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
WORKER_METRICS="${WORKER_METRICS:-${WORKER_HEALTH%/health}/prometheus}"
DOC_TIMEOUT="${DOC_TIMEOUT:-300}"
require_stack

scrape() { curl -fsS --max-time 10 "${AUTH[@]}" "$1" > "$2" || die "cannot scrape $1"; }

# metric FILE NAME [LABEL="value" ...] -> the sum over the series of NAME that carry every given label
metric() {
  local file="$1" name="$2"; shift 2
  awk -v name="$name" -v want="$*" '
    BEGIN { n = split(want, w, " ") }
    /^#/ { next }
    {
      series = $1; sub(/[{].*/, "", series)
      if (series != name) next
      for (i = 1; i <= n; i++) if (index($0, w[i]) == 0) next
      sum += $NF
    }
    END { printf "%.0f\n", sum }' "$file"
}

# expect_delta WHAT NAME LABELS WANT: NAME{LABELS} grew by WANT between the two scrapes of WHAT (worker | api)
expect_delta() {
  local what="$1" name="$2" labels="$3" want="$4" before after
  # shellcheck disable=SC2086 # the labels are words on purpose
  before="$(metric "$WORK/$what.before" "$name" $labels)"; after="$(metric "$WORK/$what.after" "$name" $labels)"
  if [ $((after - before)) = "$want" ]; then
    log "$what $name{$labels}: +$want"
  else
    fail "$what $name{$labels} grew by $((after - before)), expected $want ($before -> $after)"
  fi
}

scrape "$WORKER_METRICS" "$WORK/worker.before"
scrape "$API/actuator/prometheus" "$WORK/api.before"

text="$WORK/metrics-check-$(date +%s%N).txt"
{ echo "Metrics check $(date +%s%N)."; head -c 6000 "$CORPUS/txt-war-and-peace-unstructured.txt"; } > "$text"
: > "$WORK/empty.txt"

pdf="$(reprocess "$CORPUS/pdf-text-4p-gao-decision-pdfbox.pdf")"
docx="$(reprocess "$CORPUS/docx-simple-1p-us-trustee-handbook-unstructured.docx")"
bad_pdf="$(reprocess "$CORPUS/pdf-corrupt-fuzzed-pdfjs.pdf")"
bad_docx="$(reprocess "$CORPUS/docx-corrupt-truncated-zip-tika.docx")"
read -r code body < <(upload "$text")
[ "$code" = 202 ] || die "the new text answered $code: $(head -c 300 "$body")"
txt="$(jq -r .id "$body")"
read -r code body < <(upload "$text")
[ "$code" = 200 ] || fail "the same text again answered $code, expected 200 (duplicate)"
read -r code body < <(upload "$WORK/empty.txt")
[ "$code" = 400 ] || fail "the empty file answered $code, expected 400"

for id in "$pdf" "$docx" "$txt" "$bad_pdf" "$bad_docx"; do
  wait_terminal "$id" "$DOC_TIMEOUT" > "$WORK/$id.json" || die "document $id not terminal within ${DOC_TIMEOUT}s"
done
status_of() { jq -r '.status + " " + (.error.code // "")' "$WORK/$1.json"; }
for id in "$pdf" "$docx" "$txt"; do [ "$(status_of "$id")" = "READY " ] || die "document $id: $(status_of "$id")"; done
[ "$(status_of "$bad_pdf")" = "FAILED CORRUPT_DOCUMENT" ] || die "corrupt PDF: $(status_of "$bad_pdf")"
[ "$(status_of "$bad_docx")" = "FAILED CORRUPT_DOCUMENT" ] || die "corrupt DOCX: $(status_of "$bad_docx")"

# An activity's meters are recorded before the server hears of its result, so before the document can be READY.
scrape "$WORKER_METRICS" "$WORK/worker.after"
scrape "$API/actuator/prometheus" "$WORK/api.after"
pages="$(sql "SELECT sum(coalesce(pages, 0)) FROM documents WHERE id IN ('$pdf', '$docx', '$txt')")"
chunks="$(sql "SELECT sum(chunks) FROM documents WHERE id IN ('$pdf', '$docx', '$txt')")"
log "documents: pdf $pdf, docx $docx, txt $txt; $pages pages, $chunks chunks"

expect_delta worker scriptorium_pages_processed_total "" "$pages"
expect_delta worker scriptorium_chunks_embedded_total "" "$chunks"
# One parse attempt per READY document (nothing here is retried), which chunks too: no page needs OCR, so no chunk
# activity runs; embedding runs in batches, at least one attempt per document.
expect_delta worker scriptorium_stage_duration_seconds_count 'stage="parse" outcome="success"' 3
expect_delta worker scriptorium_stage_duration_seconds_count 'stage="convert" outcome="success"' 1
expect_delta worker scriptorium_stage_duration_seconds_count 'stage="chunk" outcome="success"' 0
expect_delta worker scriptorium_stage_failures_total 'stage="parse" code="CORRUPT_DOCUMENT"' 1
expect_delta worker scriptorium_stage_failures_total 'stage="convert" code="CORRUPT_DOCUMENT"' 1
expect_delta worker scriptorium_conversion_failures_total 'code="CORRUPT_DOCUMENT"' 1
batches="$(($(metric "$WORK/worker.after" scriptorium_stage_duration_seconds_count 'stage="embed"' 'outcome="success"') \
  - $(metric "$WORK/worker.before" scriptorium_stage_duration_seconds_count 'stage="embed"' 'outcome="success"')))"
[ "$batches" -ge 3 ] || fail "$batches successful embed attempts for 3 documents"

expect_delta api scriptorium_uploads_total 'outcome="accepted"' 5
expect_delta api scriptorium_uploads_total 'outcome="duplicate"' 1
expect_delta api scriptorium_uploads_total 'outcome="rejected"' 1
# The gauges read the database at most every 5 s (DocumentStatusCounts.MAX_AGE): allow them one refresh.
gauges_match() {
  local status gauge db
  for status in READY FAILED PROCESSING; do
    gauge="$(metric "$WORK/api.now" scriptorium_documents "status=\"$status\"")"
    db="$(sql "SELECT count(*) FROM documents WHERE status = '$status'")"
    [ "$gauge" = "$db" ] || { mismatch="scriptorium_documents{status=\"$status\"} is $gauge, the database has $db"; return 1; }
  done
}
deadline=$((SECONDS + 15))
until scrape "$API/actuator/prometheus" "$WORK/api.now" && gauges_match; do
  [ $SECONDS -ge $deadline ] && { fail "api $mismatch"; break; }
  sleep 1
done

# The Temporal SDK's meters: the worker's polls and executions, the api-server's client calls.
for meter in temporal_activity_execution_latency_seconds_count temporal_workflow_completed_total \
    temporal_request_total; do
  grep -q "^$meter" "$WORK/worker.after" || fail "worker has no $meter"
done
grep -q '^temporal_request_total' "$WORK/api.after" || fail "api-server has no temporal_request_total"
finish
