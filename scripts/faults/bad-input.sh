#!/usr/bin/env bash
# Bad input gets a clear error and harms nothing: every reject-* file of the corpus, a file over the size limit, a
# ZIP bomb named .docx and a file name with path separators and control characters are each refused with the
# expected code (a 4xx problem, or FAILED with the code after processing), and both apps are still UP afterwards.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack-client.sh"
TIMEOUT="${DOC_TIMEOUT:-180}"
MAX_SIZE_MB="${MAX_SIZE_MB:-50}"
require_stack
[ -f "$CORPUS/MANIFEST.tsv" ] || die "no corpus at $CORPUS (set SCRIPTORIUM_CORPUS)"

# expect FILE NAME CODE: the upload is refused with CODE, synchronously or as the document's error.
expect_code() {
  local file="$1" name="$2" want="$3" code body got
  read -r code body < <(upload "$file" "$name")
  case "$code" in
    4??)
      got="$(jq -r '.code // empty' "$body" 2>/dev/null || true)"
      [ "$got" = "$want" ] || { fail "$name: HTTP $code with code '$got', expected $want: $(head -c 300 "$body")"; return; }
      log "ok  $name -> HTTP $code $got" ;;
    200|202)
      local id json; id="$(jq -r .id "$body")"
      json="$(wait_terminal "$id" "$TIMEOUT")" || { fail "$name: document $id not terminal within ${TIMEOUT}s"; return; }
      got="$(jq -r '.status + " " + (.error.code // "")' <<<"$json")"
      [ "$got" = "FAILED $want" ] || { fail "$name: document $id is '$got', expected FAILED $want"; return; }
      log "ok  $name -> HTTP $code, then FAILED $want" ;;
    *) fail "$name: HTTP $code: $(head -c 300 "$body")" ;;
  esac
}

code_for() {
  case "$1" in
    reject-corrupt) echo CORRUPT_DOCUMENT ;;
    reject-encrypted) echo ENCRYPTED_DOCUMENT ;;
    reject-empty) echo EMPTY_DOCUMENT ;;
    reject-type) echo UNSUPPORTED_TYPE ;;
    *) echo "" ;;
  esac
}

# 1. The corpus's reject-* files.
while IFS=$'\t' read -r file _ _ _ _ _ _ _ expectation _; do
  case "$expectation" in reject-*) expect_code "$CORPUS/$file" "$file" "$(code_for "$expectation")" ;; esac
done < <(tail -n +2 "$CORPUS/MANIFEST.tsv")

# 2. One byte over the size limit: 413 while it streams in (random bytes after a PDF header, so that dedupe cannot
# answer it from an earlier run).
big="$WORK/too-large.pdf"
{ printf '%%PDF-1.7\n'; head -c $((MAX_SIZE_MB * 1024 * 1024)) /dev/urandom; } > "$big"
expect_code "$big" too-large.pdf DOCUMENT_TOO_LARGE
rm -f "$big"

# 3. A ZIP bomb dressed as a DOCX: a small file that inflates to 2 GiB.
bomb="$WORK/bomb.docx"
python3 - "$bomb" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
    block = b"\0" * (64 * 1024 * 1024)
    with z.open("word/document.xml", "w", force_zip64=True) as out:
        for _ in range(32):
            out.write(block)
PY
log "zip bomb: $(stat -c %s "$bomb") bytes"
expect_code "$bomb" bomb.docx DOCUMENT_TOO_LARGE

# 4. A file name with path separators and control characters: accepted, stored under a harmless name.
weird="$WORK/weird.txt"
printf 'A harmless text uploaded under a hostile name, run %s.\n' "$(date +%s%N)" > "$weird"
body="$WORK/weird.json"
code="$(python3 - "$API" "$weird" "$body" "${SCRIPTORIUM_API_TOKEN:-}" <<'PY'
import sys, urllib.request, urllib.error, uuid
api, path, out, token = sys.argv[1:5]
name = "../../etc/\x01evil\r\nX-Injected: 1\\..\\pass\x1b[31mwd.txt"
boundary = uuid.uuid4().hex
data = open(path, "rb").read()
body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        'Content-Type: text/plain\r\n\r\n').encode("latin-1") + data + f"\r\n--{boundary}--\r\n".encode()
req = urllib.request.Request(api + "/api/v1/documents", data=body, method="POST",
                             headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
if token:
    req.add_header("Authorization", "Bearer " + token.split(",")[0])
try:
    with urllib.request.urlopen(req, timeout=60) as r:
        status, payload = r.status, r.read()
except urllib.error.HTTPError as e:
    status, payload = e.code, e.read()
open(out, "wb").write(payload)
print(status)
PY
)"
case "$code" in
  202|200)
    stored="$(jq -r .filename "$body")"
    if printf '%s' "$stored" | grep -q '[/\\]' || printf '%s' "$stored" | LC_ALL=C grep -q '[[:cntrl:]]'; then
      fail "hostile file name stored as '$stored'"
    else
      log "ok  hostile file name -> HTTP $code, stored as '$stored'"
    fi
    id="$(jq -r .id "$body")"
    wait_terminal "$id" "$TIMEOUT" >/dev/null || fail "hostile-name document $id not terminal within ${TIMEOUT}s" ;;
  400) log "ok  hostile file name -> HTTP 400" ;;
  *) fail "hostile file name: HTTP $code: $(head -c 300 "$body")" ;;
esac

# 5. Both apps survived.
health_up "$API/actuator/health" || fail "api-server not UP after the bad input"
health_up "$WORKER_HEALTH" || fail "worker not UP after the bad input"
finish
