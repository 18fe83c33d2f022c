#!/usr/bin/env bash
# Offline fake Kubernetes cluster for e2e tests: kwokctl (binary runtime) running the real
# etcd, kube-apiserver, kube-controller-manager and kube-scheduler built by k8s-toolchain.sh,
# plus kwok-controller faking nodes and pods with the Stages in kwok-stages.yaml. Nothing is
# downloaded: every binary kwokctl needs is passed explicitly.
#
# Usage:
#   offline-cluster.sh up <name>          create the cluster and one fake node (Ready), wait for
#                                         it, print the kubeconfig path on stdout
#   offline-cluster.sh up <name> --real-node
#                                         the same plus a real node (containerd, kubelet,
#                                         kube-proxy; see real-node.sh); the fake node is then
#                                         tainted kwok.x-k8s.io/node=fake:NoSchedule
#   offline-cluster.sh import <name> <image.tar>...
#                                         import image tars into the real node's containerd
#   offline-cluster.sh real-node-check    exit 0 if a real node can run here, else say why, exit 1
#   offline-cluster.sh down <name>        delete the cluster: stop every process of it and remove
#                                         its directory (no error if it does not exist)
#   offline-cluster.sh down               list every cluster with its owner, and delete those
#                                         whose owner process is gone (leftovers of a hard kill)
#   offline-cluster.sh kubeconfig <name>  print the kubeconfig path of an existing cluster
#   offline-cluster.sh watch <name>       the watchdog `up` starts for an owned cluster (internal)
#
# Environment:
#   ALPHINTRA_KWOK_OWNER_PID  on `up`: the process that owns the cluster (the e2e JVM, or a
#                           script's $$). Its pid and start time are recorded in
#                           <cluster dir>/owner, and a watchdog (its own session, so signals
#                           for the owner's process group miss it) deletes the cluster within a
#                           second or two after the owner is gone, however it died. `down`
#                           without a name deletes owned clusters whose owner is gone (the
#                           watchdog was killed too). Without it the cluster lives until
#                           `down <name>`.
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
  SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
  SCRIPT_DIR="$(dirname "${SCRIPT}")"
  # shellcheck source=versions.env
  source "${SCRIPT_DIR}/versions.env"

  # shellcheck source=real-node.sh
  source "${SCRIPT_DIR}/real-node.sh"

  local cmd="${1:-}" name="${2:-}" real_node=false
  if [[ "${cmd}" == up && "${3:-}" == --real-node && $# -eq 3 ]]; then
    real_node=true
    set -- "$1" "$2"
  fi
  local -a import_tars=()
  if [[ "${cmd}" == import && $# -ge 3 ]]; then
    import_tars=("${@:3}")
    set -- "$1" "$2"
  fi
  if [[ "${cmd}" == real-node-check && $# -eq 1 ]]; then
    real_node_unavailable_reason
    return
  fi
  if [[ -z "${cmd}" || (-z "${name}" && "${cmd}" != down) || $# -gt 2 ]]; then
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
    return 2
  fi
  if [[ -n "${name}" && ! "${name}" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; then
    echo "offline-cluster: invalid cluster name '${name}' (lowercase letters, digits, '-')" >&2
    return 2
  fi

  export KWOK_WORKDIR="${ALPHINTRA_KWOK_WORKDIR:-${HOME}/.cache/alphintra/kwok}"
  CLUSTERS="${KWOK_WORKDIR}/clusters"
  mkdir -p "${CLUSTERS}"

  case "${cmd}" in
    up) up "${name}" "${real_node}" ;;
    down)
      if [[ -n "${name}" ]]; then
        down "${name}"
      else
        down_leftovers
      fi
      ;;
    watch) watch "${name}" ;;
    import) real_node_import "${CLUSTERS}/${name}" "${import_tars[@]}" ;;
    kubeconfig)
      if [[ ! -f "${CLUSTERS}/${name}/kubeconfig.yaml" ]]; then
        echo "offline-cluster: cluster '${name}' does not exist (no ${CLUSTERS}/${name}/kubeconfig.yaml)" >&2
        return 1
      fi
      printf '%s\n' "${CLUSTERS}/${name}/kubeconfig.yaml"
      ;;
    *)
      echo "offline-cluster: unknown command '${cmd}' (up, down, kubeconfig, import)" >&2
      return 2
      ;;
  esac
}

up() {
  local name="$1" real_node="$2" dir="${CLUSTERS}/$1" owner="${ALPHINTRA_KWOK_OWNER_PID:-}"
  local bin_dir lock reason
  local -a real_node_args=()
  if [[ "${real_node}" == true ]]; then
    if ! reason="$(real_node_unavailable_reason)"; then
      echo "offline-cluster: cannot start a real node here: ${reason}" >&2
      return 1
    fi
    mapfile -t real_node_args < <(real_node_kwokctl_args "${dir}")
  fi
  bin_dir="$("${SCRIPT_DIR}/k8s-toolchain.sh" --print-bin-dir)"
  if [[ -n "${owner}" ]] && ! start_time "${owner}" >/dev/null; then
    echo "offline-cluster: ALPHINTRA_KWOK_OWNER_PID=${owner} is not a running process id" >&2
    return 2
  fi
  if ! mkdir "${dir}" 2>/dev/null; then
    echo "offline-cluster: cluster '${name}' already exists; run: ${SCRIPT} down ${name}" >&2
    return 1
  fi
  # Held until the cluster is complete: a `down` (the watchdog's, or one for a dead owner)
  # waits for it rather than racing kwokctl while it still starts processes. No process that
  # outlives this script may inherit the lock, hence the {lock}<&- below.
  exec {lock}<"${dir}"
  flock "${lock}"
  if [[ -n "${owner}" ]]; then
    printf 'pid=%s\nstarttime=%s\nboot_id=%s\n' "${owner}" "$(start_time "${owner}")" \
      "$(< /proc/sys/kernel/random/boot_id)" > "${dir}/owner"
    setsid bash "${SCRIPT}" watch "${name}" </dev/null >>"${dir}/watchdog.log" 2>&1 {lock}<&- &
    printf '%s\n' "$!" > "${dir}/watchdog.pid"
  fi
  take_ports_turn || return 1
  # kwokctl takes the kube version for its flag choices from `kube-apiserver --version`;
  # KWOK_KUBE_VERSION / KWOK_ETCD_VERSION only keep its defaults consistent with that.
  # kubectl has no create flag, only the KWOK_KUBECTL_BINARY variable.
  KWOK_KUBE_VERSION="${KUBERNETES_VERSION}" \
    KWOK_ETCD_VERSION="${ETCD_VERSION#v}" \
    KWOK_KUBECTL_BINARY="${bin_dir}/kubectl" \
    "${bin_dir}/kwokctl" --config "${SCRIPT_DIR}/kwok-stages.yaml" \
    create cluster --name "${name}" --runtime binary \
    --kube-apiserver-binary "${bin_dir}/kube-apiserver" \
    --kube-controller-manager-binary "${bin_dir}/kube-controller-manager" \
    --kube-scheduler-binary "${bin_dir}/kube-scheduler" \
    --kwok-controller-binary "${bin_dir}/kwok" \
    --etcd-binary "${bin_dir}/etcd" "${real_node_args[@]}" \
    --kubeconfig "" --quiet-pull --wait 2m >&2 {lock}<&- {PORTS_TURN}<&-
  "${bin_dir}/kwokctl" --name "${name}" scale node --replicas 1 >&2 {lock}<&- {PORTS_TURN}<&-
  "${bin_dir}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" wait --for=condition=Ready node --all \
    --timeout=120s >&2 {lock}<&- {PORTS_TURN}<&-
  exec {PORTS_TURN}<&-
  if [[ "${real_node}" == true ]]; then
    "${bin_dir}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" taint node -l type=kwok \
      kwok.x-k8s.io/node=fake:NoSchedule >&2 {lock}<&-
    real_node_up "${name}" "${dir}" "${bin_dir}"
  fi
  exec {lock}<&-
  printf '%s\n' "${dir}/kubeconfig.yaml"
}

down() {
  local name="$1" dir="${CLUSTERS}/$1" lock bin_dir
  if [[ ! -d "${dir}" ]]; then
    echo "offline-cluster: cluster '${name}' does not exist" >&2
    return 0
  fi
  exec {lock}<"${dir}" 2>/dev/null || return 0 # removed meanwhile
  flock "${lock}"
  if [[ ! -d "${dir}" ]]; then # another down removed it while this one waited
    exec {lock}<&-
    return 0
  fi
  real_node_down "${dir}"
  if [[ -f "${dir}/kwok.yaml" ]] && "${SCRIPT_DIR}/k8s-toolchain.sh" --check >/dev/null 2>&1; then
    bin_dir="$("${SCRIPT_DIR}/k8s-toolchain.sh" --print-bin-dir 2>/dev/null)"
    # kwokctl v0.8.0 rejects --kubeconfig "" on delete ("empty path"); point it at the
    # cluster's own kubeconfig (deleted with the cluster) so ~/.kube/config stays untouched.
    "${bin_dir}/kwokctl" delete cluster --name "${name}" --kubeconfig "${dir}/kubeconfig.yaml" >&2 \
      {lock}<&- || echo "offline-cluster: kwokctl could not delete '${name}'; stopping its processes" >&2
  fi
  # kwokctl stops only the components whose pid file it wrote; a cluster whose creation was
  # cut short can run more. Every process of the cluster names its directory.
  stop_processes "${dir}/"
  if awk -v w="${dir}/" 'index($5, w) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    echo "offline-cluster: mounts are left under ${dir}; not deleting it (see /proc/self/mountinfo)" >&2
    exec {lock}<&-
    return 1
  fi
  rm -rf --one-file-system "${dir}" "/tmp/alphintra-kwok/${name}"
  exec {lock}<&-
  [[ ! -d "${dir}" ]]
}

# kwokctl gives a new cluster the first ports below 32767 that nothing listens on yet, so two
# clusters created at once on one machine (two runs, two checkouts) get the same ports and one
# of them never works. Creations take turns, machine-wide, until the new cluster's components
# listen: holds a lock on fd PORTS_TURN, which the caller closes once its node is Ready and
# which no command it runs may inherit ({PORTS_TURN}<&-).
take_ports_turn() {
  local file=/tmp/alphintra-kwok/ports.lock
  mkdir -p /tmp/alphintra-kwok
  exec {PORTS_TURN}>>"${file}"
  if ! flock -w 240 "${PORTS_TURN}"; then
    echo "offline-cluster: waited 4 min for ${file}: another cluster's creation hangs, or a" \
      "long-lived process inherited the lock (see: fuser -v ${file}); stop it and retry" >&2
    return 1
  fi
}

# Lists every cluster with its owner, and deletes those whose owner is gone.
down_leftovers() {
  local dir name found=0
  for dir in "${CLUSTERS}"/*/; do
    [[ -d "${dir}" ]] || continue
    found=1
    name="$(basename "${dir}")"
    owner_state "${CLUSTERS}/${name}"
    [[ -d "${dir}" ]] || continue # deleted meanwhile
    case "${OWNER_STATE}" in
      alive) echo "${name}: kept, its owner (pid ${OWNER_PID}) is running; stop that process, or: ${SCRIPT} down ${name}" ;;
      none) echo "${name}: kept, no owner recorded; remove it with: ${SCRIPT} down ${name}" ;;
      gone)
        echo "${name}: its owner (pid ${OWNER_PID}) is gone; deleting it"
        if down "${name}"; then
          echo "${name}: deleted"
        else
          echo "${name}: could not be deleted, see above"
        fi
        ;;
    esac
  done
  if [[ ${found} -eq 0 ]]; then
    echo "no offline clusters in ${CLUSTERS}"
  fi
}

# Deletes the cluster once its owner is gone; ends when the cluster is deleted by anyone.
watch() {
  local name="$1" dir="${CLUSTERS}/$1"
  echo "$(date -Is) watching the owner of ${name}"
  while [[ -d "${dir}" ]]; do
    owner_state "${dir}"
    case "${OWNER_STATE}" in
      none) break ;; # being deleted
      gone)
        echo "$(date -Is) owner pid ${OWNER_PID} is gone; deleting ${name}"
        down "${name}"
        break
        ;;
    esac
    sleep 1
  done
}

# Sets OWNER_STATE (alive, gone or none: no owner recorded) and OWNER_PID for a cluster dir.
# A pid alone could have been reused by a new process: the owner is alive only while a process
# with its pid has its start time, since the same boot, and is not a zombie.
owner_state() {
  local key value pid="" starttime="" boot_id="" now
  OWNER_STATE=none
  OWNER_PID=""
  [[ -f "$1/owner" ]] || return 0
  while IFS='=' read -r key value; do
    case "${key}" in
      pid) pid="${value}" ;;
      starttime) starttime="${value}" ;;
      boot_id) boot_id="${value}" ;;
    esac
  done < "$1/owner" || true
  OWNER_PID="${pid}"
  OWNER_STATE=gone
  read -r now < /proc/sys/kernel/random/boot_id
  if [[ "${boot_id}" == "${now}" && -n "${starttime}" && "$(start_time "${pid}")" == "${starttime}" ]]; then
    OWNER_STATE=alive
  fi
}

# Prints the start time (clock ticks after boot, /proc/<pid>/stat field 22) of a running
# process; fails for a missing process or a zombie.
start_time() {
  local stat
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  { read -r stat < "/proc/$1/stat"; } 2>/dev/null || return 1
  stat="${stat##*) }" # the command name in parentheses may contain spaces
  local -a fields
  read -r -a fields <<< "${stat}"
  [[ "${fields[0]}" != Z && "${fields[0]}" != X ]] || return 1
  printf '%s\n' "${fields[19]}"
}

# Stops every process whose command line contains $1: SIGTERM, then SIGKILL after 5 s.
stop_processes() {
  local pid t
  local -a pids=() cmdlines=()
  # The pattern goes through a file: grep's own command line must not match it.
  for pid in $(grep -laF -f <(printf '%s\n' "$1") /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
    if [[ "${pid}" != "$$" && "${pid}" != "${BASHPID}" ]]; then
      pids+=("${pid}")
      cmdlines+=("/proc/${pid}/cmdline")
    fi
  done
  [[ ${#pids[@]} -gt 0 ]] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((t = 0; t < 50; t++)); do
    grep -qsaF -- "$1" "${cmdlines[@]}" || return 0
    sleep 0.1
  done
  echo "offline-cluster: killing what is left of ${pids[*]} 5 s after SIGTERM" >&2
  kill -KILL "${pids[@]}" 2>/dev/null || true
}

main "$@"
exit $?
