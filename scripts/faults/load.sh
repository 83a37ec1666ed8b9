#!/usr/bin/env bash
# A burst of concurrent uploads: COUNT small distinct text documents sent CONCURRENCY at a time. Every request is
# answered (no timeout, no 5xx), every accepted document reaches a terminal status within DOC_TIMEOUT, and none is
# lost or processed twice: one document row per upload, READY ones with exactly their chunk rows.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
COUNT="${COUNT:-200}"
CONCURRENCY="${CONCURRENCY:-200}"
DOC_TIMEOUT="${DOC_TIMEOUT:-1200}"
require_stack
RUN="load-$(date +%s)-$$"
mkdir -p "$WORK/files" "$WORK/answers"
for i in $(seq 1 "$COUNT"); do
  printf 'Load test %s, document %d.\n\nThe quick brown fox %d jumps over the lazy dog %s.\n' \
    "$RUN" "$i" "$i" "$(head -c 12 /dev/urandom | base64)" > "$WORK/files/$RUN-$i.txt"
done
log "uploading $COUNT documents, $CONCURRENCY at a time"
export API WORK
auth="${AUTH[*]:-}"
export auth
started=$SECONDS
seq 1 "$COUNT" | xargs -P "$CONCURRENCY" -I{} sh -c '
  f="$WORK/files/'"$RUN"'-{}.txt"
  code=$(curl -sS -o "$WORK/answers/{}.json" -w "%{http_code}" --max-time 60 $auth -F "file=@$f" \
    "$API/api/v1/documents" 2>/dev/null || echo 000)
  echo "$code" > "$WORK/answers/{}.code"'
log "uploads answered in $((SECONDS - started))s: $(cat "$WORK"/answers/*.code | sort | uniq -c | tr '\n' ' ')"

ids=()
for i in $(seq 1 "$COUNT"); do
  code="$(cat "$WORK/answers/$i.code" 2>/dev/null || echo missing)"
  if [ "$code" = 202 ]; then
    ids+=("$(jq -r .id "$WORK/answers/$i.json")")
  else
    fail "upload $i answered $code: $(head -c 200 "$WORK/answers/$i.json" 2>/dev/null)"
  fi
done

# Every accepted document reaches a terminal status (SQL, one query per poll rather than 200 HTTP calls).
id_list="$(printf "'%s'," "${ids[@]}")"; id_list="${id_list%,}"
deadline=$((SECONDS + DOC_TIMEOUT))
while :; do
  open="$(sql "SELECT count(*) FROM documents WHERE id IN ($id_list) AND status NOT IN ('READY', 'FAILED', 'CANCELLED')")"
  [ "$open" = 0 ] && break
  [ $SECONDS -ge $deadline ] && { fail "$open of ${#ids[@]} documents not terminal after ${DOC_TIMEOUT}s"; break; }
  sleep 2
done
log "all terminal after $((SECONDS - started))s: $(sql "SELECT string_agg(status || '=' || n, ' ') FROM
    (SELECT status, count(*) n FROM documents WHERE id IN ($id_list) GROUP BY status) s")"

# None lost, none twice: one row per upload and per content, all READY, chunk rows exactly as counted.
rows="$(sql "SELECT count(*) FROM documents WHERE filename LIKE '$RUN-%'")"
[ "$rows" = "${#ids[@]}" ] || fail "$rows document rows for ${#ids[@]} accepted uploads"
dup="$(sql "SELECT count(*) FROM (SELECT sha256 FROM documents WHERE filename LIKE '$RUN-%' GROUP BY sha256 HAVING count(*) > 1) d")"
[ "$dup" = 0 ] || fail "$dup contents stored more than once"
not_ready="$(sql "SELECT count(*) FROM documents WHERE id IN ($id_list) AND status <> 'READY'")"
[ "$not_ready" = 0 ] || fail "$not_ready documents not READY: $(sql "SELECT string_agg(DISTINCT status || ' ' || coalesce(error_code, ''), ', ') FROM documents WHERE id IN ($id_list) AND status <> 'READY'")"
bad="$(sql "SELECT count(*) FROM documents d WHERE d.id IN ($id_list) AND d.status = 'READY' AND (d.chunks < 1
       OR d.chunks <> (SELECT count(*) FROM chunks c WHERE c.document_id = d.id AND c.searchable AND c.embedding IS NOT NULL)
       OR d.chunks <> (SELECT coalesce(max(chunk_index), -1) + 1 FROM chunks c WHERE c.document_id = d.id))")"
[ "$bad" = 0 ] || fail "$bad READY documents with missing, extra or unembedded chunk rows"
health_up "$API/actuator/health" || fail "api-server not UP after the load"
health_up "$WORKER_HEALTH" || fail "worker not UP after the load"
finish
