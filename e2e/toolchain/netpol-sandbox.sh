#!/usr/bin/env bash
# Shows that the kube-router add-on image really drops what a NetworkPolicy denies, on this
# machine's kernel, without a node and without touching the host: everything runs in a throw-away
# network and mount namespace (unshare), which the kernel removes with the last process.
#
# Usage: netpol-sandbox.sh   (as root; builds the toolchain and the add-on images when missing)
#
# Inside the namespace: etcd and kube-apiserver from the toolchain on 127.0.0.1; a bridge with
# three "pods" (network namespaces of `sleep` processes on veth pairs, 10.244.0.2-4) registered as
# Pods of a Node at the bridge address; kube-router from its image's root file system (chroot, its
# own iptables and ipset) with only its firewall; CoreDNS from the toolchain as a TCP server in the
# server pod. Then, from the client and the other pod to the server's port:
#   no policy: both connect; deny-all ingress: neither does; allow from app=client: only the client.
# Prints one line per check and exits non-zero at the first that fails.

SUBNET=10.244.0
SERVER_PORT=8080

main() {
  set -euo pipefail
  SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if [[ "${1:-}" == --inside ]]; then
    inside "$2" "$3" "$4"
    return
  fi
  [[ "$(id -u)" == 0 ]] || die "needs root (network namespaces, iptables inside them)"
  local bin_dir image_dir work
  bin_dir="$(bash "${SCRIPT_DIR}/k8s-toolchain.sh" --print-bin-dir)"
  image_dir="$(bash "${SCRIPT_DIR}/addons.sh" --print-dir)"
  work="$(mktemp -d /tmp/alphintra-netpol.XXXXXX)"
  local rc=0
  unshare --net --mount --propagation private --fork \
    bash "${BASH_SOURCE[0]}" --inside "${work}" "${bin_dir}" "${image_dir}" || rc=$?
  rm -rf "${work}"
  return "${rc}"
}

die() {
  echo "netpol-sandbox: ERROR: $*" >&2
  exit 1
}
log() { echo "netpol-sandbox: $*" >&2; }

inside() {
  WORK="$1" BIN="$2"
  local image_dir="$3"
  PIDS=()
  trap 'stop $?' EXIT
  ip link set lo up

  # The node's pod network: a bridge, and one network namespace per pod held open by `sleep`.
  ip link add br0 type bridge
  ip addr add "${SUBNET}.1/24" dev br0
  ip link set br0 up
  # Bridged pod-to-pod traffic must pass iptables (as on the node; per network namespace).
  sysctl -qw net.bridge.bridge-nf-call-iptables=1
  local -A POD_PID
  local pod n=2
  for pod in server client other; do
    unshare --net sleep infinity &
    POD_PID[${pod}]=$!
    PIDS+=($!)
    # `unshare` runs before it has its namespace: wait until it differs from ours.
    until [[ "$(readlink "/proc/${POD_PID[${pod}]}/ns/net")" != "$(readlink /proc/self/ns/net)" ]]; do sleep 0.05; done
    ip link add "veth-${pod}" type veth peer name eth0 netns "${POD_PID[${pod}]}"
    ip link set "veth-${pod}" master br0 up
    in_pod "${POD_PID[${pod}]}" ip link set lo up
    in_pod "${POD_PID[${pod}]}" ip addr add "${SUBNET}.${n}/24" dev eth0
    in_pod "${POD_PID[${pod}]}" ip link set eth0 up
    n=$((n + 1))
  done

  start_control_plane
  register_node_and_pods

  # A TCP server in the server pod: CoreDNS accepts TCP connections on its port.
  printf '.:%s {\n  bind %s.2\n  whoami\n}\n' "${SERVER_PORT}" "${SUBNET}" >"${WORK}/Corefile"
  # nsenter itself (not the in_pod function, whose subshell would outlive a kill) becomes coredns.
  nsenter --net="/proc/${POD_PID[server]}/ns/net" "${BIN}/coredns" -conf "${WORK}/Corefile" >"${WORK}/server.log" 2>&1 &
  PIDS+=($!)
  await "the server pod listens" 30 connects "${POD_PID[client]}"

  start_kube_router "${image_dir}"

  check "no policy: client -> server connects" connects "${POD_PID[client]}"
  check "no policy: other -> server connects" connects "${POD_PID[other]}"

  kubectl apply -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all-ingress, namespace: default}
spec:
  podSelector: {matchLabels: {app: server}}
  policyTypes: [Ingress]
EOF
  await "deny-all ingress: client -> server is dropped" 60 refused "${POD_PID[client]}"
  check "deny-all ingress: other -> server is dropped" refused "${POD_PID[other]}"

  kubectl apply -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-client, namespace: default}
spec:
  podSelector: {matchLabels: {app: server}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: client}}}]
      ports: [{port: ${SERVER_PORT}, protocol: TCP}]
EOF
  await "allow from app=client: client -> server connects" 60 connects "${POD_PID[client]}"
  check "allow from app=client: other -> server is still dropped" refused "${POD_PID[other]}"
  log "kube-router's rules: $(chroot "${WORK}/root" /usr/sbin/iptables-save | grep -c '^-A KUBE-') iptables rules, $(chroot "${WORK}/root" /usr/sbin/ipset list -n | grep -c '^KUBE-') ipsets"
}

stop() {
  local rc="$1" p
  if [[ "${rc}" != 0 && -f "${WORK}/kube-router.log" ]]; then
    log "kube-router's log:"
    tail -n 30 "${WORK}/kube-router.log" >&2
  fi
  for p in "${PIDS[@]}"; do kill "${p}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  umount "${WORK}/root/proc" "${WORK}/root/dev" 2>/dev/null || true
}

in_pod() {
  local pid="$1"
  shift
  nsenter --net="/proc/${pid}/ns/net" "$@"
}

# One TCP connection attempt from a pod to the server, 2 s at most.
connects() { in_pod "$1" timeout 2 bash -c "exec 3<>/dev/tcp/${SUBNET}.2/${SERVER_PORT}" 2>/dev/null; }
refused() { ! connects "$1"; }

check() {
  local what="$1"
  shift
  if "$@"; then log "ok: ${what}"; else die "failed: ${what}"; fi
}

await() {
  local what="$1" seconds="$2" deadline
  shift 2
  deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    [[ $(date +%s) -lt ${deadline} ]] || die "failed within ${seconds}s: ${what}"
    sleep 0.5
  done
  log "ok: ${what}"
}

kubectl() { "${BIN}/kubectl" --kubeconfig "${WORK}/kubeconfig" "$@"; }

start_control_plane() {
  mkdir -p "${WORK}/pki"
  openssl genrsa -out "${WORK}/pki/sa.key" 2048 2>/dev/null
  echo "sandbox-token,admin,admin,system:masters" >"${WORK}/pki/tokens.csv"
  "${BIN}/etcd" --data-dir "${WORK}/etcd" --listen-client-urls http://127.0.0.1:2379 \
    --advertise-client-urls http://127.0.0.1:2379 --listen-peer-urls http://127.0.0.1:2380 \
    >"${WORK}/etcd.log" 2>&1 &
  PIDS+=($!)
  "${BIN}/kube-apiserver" --etcd-servers=http://127.0.0.1:2379 --bind-address=127.0.0.1 --secure-port=6443 \
    --advertise-address="${SUBNET}.1" \
    --cert-dir="${WORK}/pki" --token-auth-file="${WORK}/pki/tokens.csv" --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="${WORK}/pki/sa.key" \
    --service-account-signing-key-file="${WORK}/pki/sa.key" --service-cluster-ip-range=10.0.0.0/24 \
    >"${WORK}/apiserver.log" 2>&1 &
  PIDS+=($!)
  cat >"${WORK}/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: sandbox, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: sandbox-token}}]
contexts: [{name: sandbox, context: {cluster: sandbox, user: admin}}]
current-context: sandbox
EOF
  await "kube-apiserver is ready" 120 kubectl get --raw /readyz
}

register_node_and_pods() {
  kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata: {name: sandbox-node, labels: {kubernetes.io/hostname: sandbox-node}}
EOF
  kubectl patch node sandbox-node --subresource=status --type=merge \
    -p "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"${SUBNET}.1\"}]}}" >/dev/null
  # No controller-manager here: the account the ServiceAccount admission plugin looks up.
  kubectl create serviceaccount default >/dev/null
  local pod n=2
  for pod in server client other; do
    kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: ${pod}, namespace: default, labels: {app: ${pod}}}
spec:
  nodeName: sandbox-node
  containers: [{name: c, image: none, ports: [{containerPort: ${SERVER_PORT}}]}]
EOF
    kubectl patch pod "${pod}" --subresource=status --type=merge -p "{\"status\":{\"phase\":\"Running\",\"hostIP\":\"${SUBNET}.1\",\"podIP\":\"${SUBNET}.${n}\",\"podIPs\":[{\"ip\":\"${SUBNET}.${n}\"}]}}" >/dev/null
    n=$((n + 1))
  done
}

start_kube_router() {
  local image_dir="$1" tar
  tar="$(find "${image_dir}" -maxdepth 1 -name 'kube-router-v*.tar' | head -1)"
  [[ -n "${tar}" ]] || die "no kube-router image in ${image_dir}"
  mkdir -p "${WORK}/image" "${WORK}/root"
  tar -xf "${tar}" -C "${WORK}/image"
  local layer
  for layer in $(grep -oE '[0-9a-f]{64}/layer\.tar' "${WORK}/image/manifest.json"); do
    tar -xf "${WORK}/image/${layer}" -C "${WORK}/root"
  done
  # What a container runtime would give it: /proc, /dev (iptables writes to /dev/null) and /run.
  mkdir -p "${WORK}/root/proc" "${WORK}/root/dev" "${WORK}/root/run" "${WORK}/root/var/run"
  mount -t proc proc "${WORK}/root/proc"
  mount --bind /dev "${WORK}/root/dev"
  cp "${WORK}/kubeconfig" "${WORK}/root/kubeconfig"
  chroot "${WORK}/root" /usr/local/bin/kube-router --kubeconfig=/kubeconfig --run-firewall=true \
    --run-router=false --run-service-proxy=false --bgp-graceful-restart=false \
    --hostname-override=sandbox-node --service-cluster-ip-range=10.0.0.0/24 --v=1 \
    >"${WORK}/kube-router.log" 2>&1 &
  PIDS+=($!)
  await "kube-router installed its chains" 60 has_kube_router_chains
}

has_kube_router_chains() { chroot "${WORK}/root" /usr/sbin/iptables-save 2>/dev/null | grep -q '^:KUBE-ROUTER-FORWARD'; }

main "$@"
exit $?
