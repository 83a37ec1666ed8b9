#!/usr/bin/env bash
# No document is left PENDING or PROCESSING: every upload reached a terminal status. Run it when the stack is idle
# (after the other fault scripts); WAIT_SECONDS gives in-flight documents time to finish first.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
deadline=$((SECONDS + ${WAIT_SECONDS:-120}))
while :; do
  stuck="$(sql "SELECT count(*) FROM documents WHERE status IN ('PENDING', 'PROCESSING')")"
  [ "$stuck" = 0 ] && break
  if [ $SECONDS -ge $deadline ]; then
    sql "SELECT id, status, stage, filename, updated_at FROM documents WHERE status IN ('PENDING', 'PROCESSING')
         ORDER BY updated_at LIMIT 20" >&2
    die "$stuck document(s) still PENDING or PROCESSING after ${WAIT_SECONDS:-120}s"
  fi
  sleep 2
done
# READY documents are whole: their chunk count matches their chunk rows.
broken="$(sql "SELECT count(*) FROM documents d WHERE d.status = 'READY'
               AND d.chunks IS DISTINCT FROM (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)")"
[ "$broken" = 0 ] || fail "$broken READY document(s) whose chunk count differs from their chunk rows"
finish
