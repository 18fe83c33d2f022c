#!/usr/bin/env bash
# Smoke test of the offline toolchain: builds/reuses the binaries, starts a kwok cluster with
# offline-cluster.sh, checks that a Deployment's pods get scheduled onto the fake node and
# become Running/Ready, that alphintra.io/fake-ready: "false" keeps a pod unready (at creation
# and when added to a Ready pod) and that removing it makes the pod Ready again, then deletes
# the cluster. Usage: smoke-test.sh [cluster-name]   (default: smoke)

main() {
  set -euo pipefail
  local script_dir name="${1:-smoke}"
  script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

  local bin_dir kubeconfig
  bin_dir="$("${script_dir}/k8s-toolchain.sh" --print-bin-dir)"
  "${script_dir}/offline-cluster.sh" down "${name}" >/dev/null 2>&1 || true
  kubeconfig="$("${script_dir}/offline-cluster.sh" up "${name}" 2>/tmp/offline-cluster-"${name}".log)" || {
    cat /tmp/offline-cluster-"${name}".log >&2
    return 1
  }
  # Expanded now: the trap can run after this function's locals are gone (set -e exits).
  # shellcheck disable=SC2064
  trap "$(printf '%q down %q >/dev/null 2>&1 || true' "${script_dir}/offline-cluster.sh" "${name}")" EXIT
  echo "cluster ${name} up, kubeconfig ${kubeconfig}"

  k() { "${bin_dir}/kubectl" --kubeconfig "${kubeconfig}" "$@"; }
  ready_of() { k get "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'; }
  wait_ready_is() { # wait_ready_is <pod> <True|False> <seconds>
    local i
    for ((i = 0; i < $3 * 2; i++)); do
      [[ "$(ready_of "$1")" == "$2" ]] && return 0
      sleep 0.5
    done
    echo "FAIL: $1 Ready is '$(ready_of "$1")', expected $2" >&2
    k get pods -o wide >&2
    return 1
  }

  k version
  k get nodes -o wide
  k apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: good
spec:
  replicas: 2
  selector: {matchLabels: {app: good}}
  template:
    metadata: {labels: {app: good}}
    spec:
      containers:
      - name: app
        image: example.invalid/alphintra/good:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: 1
  selector: {matchLabels: {app: bad}}
  template:
    metadata:
      labels: {app: bad}
      annotations: {alphintra.io/fake-ready: "false"}
    spec:
      containers:
      - name: app
        image: example.invalid/alphintra/bad:1
EOF
  k rollout status deploy/good --timeout=60s
  local bad good
  bad="$(k get pod -l app=bad -o name)"
  good="$(k get pod -l app=good -o name | head -n1)"
  [[ -n "$(k get "${bad}" -o jsonpath='{.spec.nodeName}')" ]] || { echo "FAIL: ${bad} not scheduled" >&2; return 1; }
  wait_ready_is "${bad}" False 30
  [[ "$(k get "${bad}" -o jsonpath='{.status.phase}')" == Running ]] || { echo "FAIL: ${bad} not Running" >&2; return 1; }
  sleep 3
  wait_ready_is "${bad}" False 1
  echo "ok: ${bad} is Running with Ready=False (annotation at creation)"

  k annotate "${good}" alphintra.io/fake-ready=false >/dev/null
  wait_ready_is "${good}" False 30
  echo "ok: ${good} flipped to Ready=False after annotating it"
  k annotate "${good}" alphintra.io/fake-ready- >/dev/null
  wait_ready_is "${good}" True 30
  echo "ok: ${good} back to Ready=True after removing the annotation"
  k rollout status deploy/good --timeout=60s
  k get pods -o wide

  trap - EXIT
  "${script_dir}/offline-cluster.sh" down "${name}" >/dev/null 2>&1
  if pgrep -f "clusters/${name}/bin/" >/dev/null; then
    echo "FAIL: processes of cluster ${name} still running" >&2
    return 1
  fi
  echo "smoke test passed; cluster ${name} deleted"
}

main "$@"
exit $?
