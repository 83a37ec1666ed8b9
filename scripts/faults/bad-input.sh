#!/usr/bin/env bash
# Bad input gets a clear error and harms nothing: every reject-* file of the corpus, a file over the size limit, a
# ZIP bomb named .docx, a PDF of 5,000 empty pages and a file name with path separators and control characters are
# each refused with the expected code (a 4xx problem, or FAILED with the code after processing); 1,500 empty pages
# are processed (READY, no chunks, NO_TEXT_LAYER); malformed requests get a 4xx problem with a code; both apps are
# still UP afterwards.
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

# 4. PDFs of empty pages, made here: 5,000 (over the worker's scriptorium.parsing.max-pages, 2,000) fail without
# tying up a worker; 1,500 are processed and end READY with no chunks and the NO_TEXT_LAYER warning.
empty_pages_pdf() { # FILE PAGES: a valid PDF whose pages draw nothing (unique per run, so never a duplicate)
  python3 - "$1" "$2" "$(date +%s%N)" <<'PY'
import sys
path, pages, run = sys.argv[1], int(sys.argv[2]), sys.argv[3]
objects = [f"<< /Type /Catalog /Pages 2 0 R /Run ({run}) >>",
           "<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, " ".join(f"{3 + i} 0 R" for i in range(pages)))]
objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
out, offsets = bytearray(b"%PDF-1.4\n"), []
for number, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += f"{number} 0 obj\n{body}\nendobj\n".encode()
xref = len(out)
out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
open(path, "wb").write(out)
PY
}
empty_pages_pdf "$WORK/empty-5000.pdf" 5000
expect_code "$WORK/empty-5000.pdf" empty-5000-pages.pdf TOO_MANY_PAGES
empty_pages_pdf "$WORK/empty-1500.pdf" 1500
read -r code body < <(upload "$WORK/empty-1500.pdf" empty-1500-pages.pdf)
if [ "$code" = 202 ]; then
  json="$(wait_terminal "$(jq -r .id "$body")" "$TIMEOUT")" || true
  if [ "$(jq -r '.status + " " + (.pages|tostring) + " " + (.chunks|tostring)' <<<"$json")" = "READY 1500 0" ] \
      && jq -e '.warnings | tostring | contains("NO_TEXT_LAYER")' <<<"$json" >/dev/null; then
    log "ok  1,500 empty pages -> READY, 0 chunks, NO_TEXT_LAYER"
  else
    fail "1,500 empty pages: $(jq -c '{status, pages, chunks, warnings, error}' <<<"$json")"
  fi
else
  fail "1,500 empty pages: HTTP $code: $(head -c 300 "$body")"
fi

# 5. A file name with path separators and control characters: accepted, stored under a harmless name.
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

# 6. Malformed requests: each gets a 4xx problem with a code, never a 500 (paths that read two ways, cursors this
# API never issued, a truncated multipart body, a file name with a NUL byte).
expect_4xx() { # DESCRIPTION CURL-ARGS...
  local what="$1" out="$WORK/malformed.json" code got; shift
  code="$(curl -s --path-as-is -o "$out" -w '%{http_code}' --max-time 30 "${AUTH[@]}" "$@" || true)"
  got="$(jq -r '.code // empty' "$out" 2>/dev/null || true)"
  if [[ "$code" == 4?? && -n "$got" ]]; then log "ok  $what -> HTTP $code $got"; else
    fail "$what: HTTP $code, code '$got': $(head -c 200 "$out")"; fi
}
for path in '/actuator/health/../../api/v1/documents' '/actuator/health/..;/..;/api/v1/documents' \
    '/actuator/health;/../../api/v1/documents' '/actuator/health/%2e%2e/%2e%2e/api/v1/documents' \
    '/api/v1/documents/%2f..' '/api/v1//documents'; do
  expect_4xx "GET $path" "$API$path"
done
cursor() { printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
uuid=00000000-0000-4000-8000-000000000000
for raw in "9223372036854775807:999999999:$uuid" "9000000000000:0:$uuid" "1700000000:-5:$uuid" "1:2"; do
  expect_4xx "list cursor '$raw'" "$API/api/v1/documents?cursor=$(cursor "$raw")"
done
expect_4xx "undecodable query" "$API/api/v1/documents?cursor=%%%"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello' > "$WORK/truncated"
expect_4xx "truncated multipart body" -H 'Content-Type: multipart/form-data; boundary=XyZ' \
  --data-binary @"$WORK/truncated" "$API/api/v1/documents"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a\0b.txt"\r\n\r\nhello\r\n--XyZ--\r\n' \
  > "$WORK/nul-name"
expect_4xx "file name with a NUL byte" -H 'Content-Type: multipart/form-data; boundary=XyZ' \
  --data-binary @"$WORK/nul-name" "$API/api/v1/documents"

# 7. Both apps survived.
health_up "$API/actuator/health" || fail "api-server not UP after the bad input"
health_up "$WORKER_HEALTH" || fail "worker not UP after the bad input"
finish
