#!/bin/sh
# The temporal-namespace job of docker-compose.temporal.yml, in Temporal's admin-tools image: waits for the server,
# creates the namespace with its retention (or sets the retention of an existing one) and registers the search
# attributes the workflows set. Safe to run on every `up`.
# Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_RETENTION.
set -eu
for attempt in $(seq 1 60); do
  if temporal operator cluster health --command-timeout 5s >/dev/null 2>&1; then
    break
  fi
  [ "$attempt" -lt 60 ] || { echo "the Temporal server at $TEMPORAL_ADDRESS did not become healthy" >&2; exit 1; }
  sleep 2
done
if temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  temporal operator namespace update --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_RETENTION"
else
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_RETENTION"
fi
# A new namespace reaches the server's caches within some seconds: until then it is "not found".
for attempt in $(seq 1 30); do
  if attributes="$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" 2>/dev/null)"; then
    break
  fi
  [ "$attempt" -lt 30 ] || { echo "namespace $TEMPORAL_NAMESPACE did not become usable" >&2; exit 1; }
  sleep 2
done
# The workflows' search attributes (workflows/.../SearchAttributes); scripts/stack registers the same ones.
for attribute in DocumentId DocumentStatus ContentType; do
  if ! printf '%s\n' "$attributes" | grep -qw "$attribute"; then
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$attribute" --type Keyword
  fi
done
temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE"
echo "namespace $TEMPORAL_NAMESPACE ready (retention $TEMPORAL_RETENTION)"
