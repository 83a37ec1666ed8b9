#!/usr/bin/env bash
# The Kubernetes chart (deploy/helm/scriptorium) lints and renders, offline: helm from the Go module proxy
# (scripts/lib/go-stand-ins.sh), `helm lint --strict` and `helm template`, then checks on what it renders:
#   - every pool has a Deployment, a PodDisruptionBudget, a NetworkPolicy and a KEDA ScaledObject with
#     minReplicaCount >= 1, and the api-server a Service too;
#   - every container has requests and limits, the three probes, a non-root user, and the grace period of its drain;
#   - the workers' NetworkPolicy lets them reach DNS, PostgreSQL and Temporal only;
#   - the chart refuses to render without the API token.
# Usage: scripts/checks/helm.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CHART="$ROOT/deploy/helm/scriptorium"
# shellcheck source=scripts/lib/go-stand-ins.sh
. "$ROOT/scripts/lib/go-stand-ins.sh"
helm="$(helm_binary)"
SECRETS=(--set secrets.databasePassword=check --set secrets.apiToken=check)

"$helm" lint --strict "$CHART" "${SECRETS[@]}"
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
"$helm" template scriptorium "$CHART" "${SECRETS[@]}" > "$rendered"

python3 - "$rendered" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
by_kind = {}
for d in docs:
    by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
def fail(message):
    sys.exit("helm check: " + message)
workloads = ["scriptorium-api-server", "scriptorium-worker-main", "scriptorium-worker-office"]
for name in workloads:
    for kind in ["Deployment", "PodDisruptionBudget", "NetworkPolicy"]:
        if name not in by_kind.get(kind, {}):
            fail(f"no {kind} {name}")
    pod = by_kind["Deployment"][name]["spec"]["template"]["spec"]
    if not pod["securityContext"].get("runAsNonRoot"):
        fail(f"{name} may run as root")
    grace = pod["terminationGracePeriodSeconds"]
    if grace < (90 if "worker" in name else 40):
        fail(f"{name}'s grace period {grace}s is shorter than its drain")
    for container in pod["containers"]:
        resources = container.get("resources", {})
        if not resources.get("requests") or not resources.get("limits"):
            fail(f"{name} has no requests or limits")
        for probe in ["startupProbe", "livenessProbe", "readinessProbe"]:
            if probe not in container:
                fail(f"{name} has no {probe}")
for name in workloads[1:]:
    scaled = by_kind.get("ScaledObject", {}).get(name)
    if scaled is None:
        fail(f"no ScaledObject for {name}")
    if scaled["spec"]["minReplicaCount"] < 1:
        fail(f"{name} may scale to zero: nobody would poll its queues")
    if not all(t["type"] == "temporal" for t in scaled["spec"]["triggers"]):
        fail(f"{name} scales on something other than its task queues")
    egress = by_kind["NetworkPolicy"][name]["spec"]["egress"]
    ports = sorted(p["port"] for rule in egress for p in rule["ports"])
    if ports != [53, 53, 5432, 7233]:
        fail(f"{name} may reach ports {ports}, not only DNS, PostgreSQL and Temporal")
if "scriptorium-api-server" not in by_kind.get("Service", {}):
    fail("no Service for the api-server")
print(f"helm check: {len(docs)} objects render; pools, budgets, policies and autoscaling as expected")
PY

if message="$("$helm" template scriptorium "$CHART" --set secrets.databasePassword=check 2>&1)"; then
  echo "helm check: the chart renders without an API token" >&2
  exit 1
fi
grep -q "secrets.apiToken" <<<"$message" || { echo "helm check: no message naming secrets.apiToken: $message" >&2; exit 1; }
echo "helm check: without the API token the chart refuses to render, naming it"
