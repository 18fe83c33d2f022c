#!/usr/bin/env bash
# Offline fake Kubernetes cluster for e2e tests: kwokctl (binary runtime) running the real
# etcd, kube-apiserver, kube-controller-manager and kube-scheduler built by k8s-toolchain.sh,
# plus kwok-controller faking nodes and pods with the Stages in kwok-stages.yaml. Nothing is
# downloaded: every binary kwokctl needs is passed explicitly.
#
# Usage:
#   offline-cluster.sh up <name>          create the cluster and one fake node (Ready), wait for
#                                         it, print the kubeconfig path on stdout
#   offline-cluster.sh down <name>        delete the cluster (no error if it does not exist)
#   offline-cluster.sh kubeconfig <name>  print the kubeconfig path of an existing cluster
#
# Environment:
#   ALPHINTRA_KWOK_WORKDIR  kwokctl work dir (default: $HOME/.cache/alphintra/kwok); clusters
#                           live in <dir>/clusters/<name>. A dedicated dir keeps a personal
#                           ~/.kwok/kwok.yaml from leaking into the tests.
#   ALPHINTRA_K8S_CACHE, KUBE_API_TEST_DIR, GO   passed on to k8s-toolchain.sh
#
# ~/.kube/config is never touched (--kubeconfig "").
# Pods become Running/Ready on the fake node; annotate a pod template with
# alphintra.io/fake-ready: "false" to make its pods stay unready (see kwok-stages.yaml).

main() {
  set -euo pipefail
  local script_dir
  script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # shellcheck source=versions.env
  source "${script_dir}/versions.env"

  local cmd="${1:-}" name="${2:-}"
  if [[ -z "${cmd}" || -z "${name}" || $# -gt 2 ]]; then
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
    return 2
  fi
  if [[ ! "${name}" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; then
    echo "offline-cluster: invalid cluster name '${name}' (lowercase letters, digits, '-')" >&2
    return 2
  fi

  export KWOK_WORKDIR="${ALPHINTRA_KWOK_WORKDIR:-${HOME}/.cache/alphintra/kwok}"
  mkdir -p "${KWOK_WORKDIR}"
  local bin_dir
  bin_dir="$("${script_dir}/k8s-toolchain.sh" --print-bin-dir)"
  local kwokctl="${bin_dir}/kwokctl"
  local kubeconfig="${KWOK_WORKDIR}/clusters/${name}/kubeconfig.yaml"

  case "${cmd}" in
    up)
      if [[ -f "${KWOK_WORKDIR}/clusters/${name}/kwok.yaml" ]]; then
        echo "offline-cluster: cluster '${name}' already exists; run: $0 down ${name}" >&2
        return 1
      fi
      # kwokctl takes the kube version for its flag choices from `kube-apiserver --version`;
      # KWOK_KUBE_VERSION / KWOK_ETCD_VERSION only keep its defaults consistent with that.
      # kubectl has no create flag, only the KWOK_KUBECTL_BINARY variable.
      KWOK_KUBE_VERSION="${KUBERNETES_VERSION}" \
        KWOK_ETCD_VERSION="${ETCD_VERSION#v}" \
        KWOK_KUBECTL_BINARY="${bin_dir}/kubectl" \
        "${kwokctl}" --config "${script_dir}/kwok-stages.yaml" \
        create cluster --name "${name}" --runtime binary \
        --kube-apiserver-binary "${bin_dir}/kube-apiserver" \
        --kube-controller-manager-binary "${bin_dir}/kube-controller-manager" \
        --kube-scheduler-binary "${bin_dir}/kube-scheduler" \
        --kwok-controller-binary "${bin_dir}/kwok" \
        --etcd-binary "${bin_dir}/etcd" \
        --kubeconfig "" --quiet-pull --wait 2m >&2
      "${kwokctl}" --name "${name}" scale node --replicas 1 >&2
      "${bin_dir}/kubectl" --kubeconfig "${kubeconfig}" wait --for=condition=Ready node --all \
        --timeout=120s >&2
      printf '%s\n' "${kubeconfig}"
      ;;
    down)
      if [[ ! -d "${KWOK_WORKDIR}/clusters/${name}" ]]; then
        echo "offline-cluster: cluster '${name}' does not exist" >&2
        return 0
      fi
      # kwokctl v0.8.0 rejects --kubeconfig "" on delete ("empty path"); point it at the
      # cluster's own kubeconfig (deleted with the cluster) so ~/.kube/config stays untouched.
      "${kwokctl}" delete cluster --name "${name}" --kubeconfig "${kubeconfig}" >&2
      ;;
    kubeconfig)
      if [[ ! -f "${kubeconfig}" ]]; then
        echo "offline-cluster: cluster '${name}' does not exist (no ${kubeconfig})" >&2
        return 1
      fi
      printf '%s\n' "${kubeconfig}"
      ;;
    *)
      echo "offline-cluster: unknown command '${cmd}' (up, down, kubeconfig)" >&2
      return 2
      ;;
  esac
}

main "$@"
exit $?
