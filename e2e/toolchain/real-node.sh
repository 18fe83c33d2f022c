# shellcheck shell=bash
# The real node of an offline cluster: containerd (Debian), kubelet and kube-proxy (built by
# k8s-toolchain.sh from the pinned Kubernetes source), the CNI bridge, and a locally built pause
# image. Sourced by offline-cluster.sh; every function is named real_node_*. Everything of the node
# lives in <cluster dir>/node (configs, certificates, containerd root/state, kubelet root, pod
# logs, the netns mounts, the host state recorded before start), and every process it starts has
# that path on its command line, so offline-cluster.sh's `down` finds them like kwokctl's.
#
# The host is shared: one real node at a time (kubelet's port 10250, kube-proxy's iptables and the
# kubepods cgroups are host-wide). What the node changes outside <cluster dir>/node is recorded
# at start (host-before/) and restored by real_node_down: the sysctls kubelet and kube-proxy set,
# the iptables/ip6tables chains and rules and the nftables tables added, the bridge and veths,
# the kubepods cgroups, and the paths created under /var/lib/kubelet, /var/log/containers,
# /var/lib/cni and /run/containerd.
#
# Cluster add-ons (addons.sh): once the node is Ready and kube-proxy serves Services, CoreDNS,
# metrics-server and kube-router's firewall run on it from their imported images. The kubelet's
# clusterDNS and clusterDomain are CLUSTER_DNS_IP and CLUSTER_DOMAIN (environment, else
# addons/addons.env), the values `addons.sh render` puts into the manifests. kube-router's
# netfilter state (its chains, the jumps into them, its KUBE-SRC-*/KUBE-DST-* ipsets) goes at
# teardown with the rest.

REAL_NODE_NAME=real-node
REAL_NODE_BRIDGE=alphintra0
REAL_NODE_CNI_NETWORK=alphintra
REAL_NODE_POD_CIDR=10.244.0.0/24
REAL_NODE_DEBIAN_PACKAGES="containerd runc containernetworking-plugins iptables conntrack nftables openssl ipset"
# The ipsets kube-router's firewall makes for NetworkPolicies (inet6: for IPv6 sets).
REAL_NODE_IPSET_PATTERN='^(inet6:)?KUBE-(SRC|DST)-'
# How long up waits for each add-on's rollout.
REAL_NODE_ADDON_TIMEOUT="${ALPHINTRA_ADDON_TIMEOUT:-180}"
# Local PersistentVolumes made at start (there is no provisioner): what StatefulSets' claims, e.g.
# a Development environment's managed database, bind to.
REAL_NODE_VOLUMES="${ALPHINTRA_REAL_NODE_VOLUMES:-8}"
# Host-wide settings kubelet (setupKernelTunables) and kube-proxy (conntrack, route_localnet)
# write, plus the forwarding switches the CNI bridge turns on.
REAL_NODE_SYSCTLS="vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops
  kernel/keys/root_maxkeys kernel/keys/root_maxbytes net/ipv4/conf/all/route_localnet
  net/ipv4/ip_forward net/ipv6/conf/all/forwarding net/bridge/bridge-nf-call-iptables
  net/bridge/bridge-nf-call-ip6tables net/netfilter/nf_conntrack_max
  net/netfilter/nf_conntrack_tcp_timeout_established net/netfilter/nf_conntrack_tcp_timeout_close_wait"
# Paths kubelet, containerd and the CNI plugins write whatever their flags say.
REAL_NODE_HOST_PATHS="/var/lib/kubelet /var/log/containers /var/lib/cni /run/containerd /run/containerd/runc"

# Prints why a real node cannot run here and fails, or succeeds silently.
real_node_unavailable_reason() {
  if [[ "$(uname -s)" != Linux ]]; then
    echo "a real node needs Linux"
    return 1
  fi
  if [[ "$(id -u)" != 0 ]]; then
    echo "a real node needs root (containerd, kubelet, iptables)"
    return 1
  fi
  local tool missing=""
  for tool in containerd containerd-shim-runc-v2 runc ctr iptables ip6tables iptables-save nft conntrack openssl ip ipset; do
    command -v "${tool}" >/dev/null 2>&1 || missing+=" ${tool}"
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/portmap && -x /usr/lib/cni/loopback ]] ||
    missing+=" /usr/lib/cni/{bridge,host-local,portmap,loopback}"
  if [[ -n "${missing}" ]]; then
    echo "missing${missing}; install the Debian packages: apt-get install ${REAL_NODE_DEBIAN_PACKAGES}"
    return 1
  fi
  local other
  other="$(real_node_running_elsewhere "")"
  if [[ -n "${other}" ]]; then
    echo "another real node runs on this host (${other}); one at a time"
    return 1
  fi
}

# Prints the cluster dir of a running real node other than $1 (kubelet/containerd of a cluster
# dir), or nothing.
real_node_running_elsewhere() {
  local mine="$1" pid cmd
  for pid in $(pgrep -x kubelet; pgrep -x containerd); do
    cmd="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null)" || continue
    [[ -n "${cmd}" ]] || continue # exiting, or a zombie
    [[ -n "${mine}" && "${cmd}" == *"${mine}/"* ]] && continue
    printf 'pid %s: %s\n' "${pid}" "${cmd:0:160}"
    return 0
  done
}

# The extra kwokctl create flags of a cluster with a real node: kube-apiserver reaches kubelets
# (logs, exec, port-forward) with the admin client certificate kwokctl writes (system:masters,
# accepted by the kubelet's webhook authorizer), by InternalIP; the kwok controller keeps only
# the nodes annotated as fake (kwokctl's binary runtime lets it manage every node otherwise).
# The order matters: kwokctl v0.8.0 files a component's later --extra-args under the index of its
# first flag among all flags (mutationComponentPatches), so the first flag of each component
# must come first, in the order the components appear.
real_node_kwokctl_args() {
  local dir="$1"
  printf '%s\n' \
    --extra-args "kube-apiserver=kubelet-client-certificate=${dir}/pki/admin.crt" \
    --extra-args "kwok-controller=manage-all-nodes=false" \
    --extra-args "kube-apiserver=kubelet-client-key=${dir}/pki/admin.key" \
    --extra-args "kube-apiserver=kubelet-preferred-address-types=InternalIP,Hostname" \
    --extra-args "kwok-controller=manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake"
}

# Builds (once, cached by the hash of its source and the Go version) the pause image tar and
# prints its path; the image is named alphintra.local/pause:<key>.
real_node_pause_image() {
  local src="${SCRIPT_DIR}/pause" cache="${ALPHINTRA_IMAGE_CACHE:-${HOME}/.cache/alphintra/images}" go key
  go="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
  # Bump the recipe when the way the tar is written changes.
  key="$(cat "${src}/go.mod" "${src}/main.go" <("${go}" version) <(echo recipe=2) | sha256sum | cut -c1-16)"
  local tar="${cache}/pause-${key}.tar"
  if [[ ! -f "${tar}" ]]; then
    local work
    work="$(mktemp -d)"
    mkdir -p "${cache}" "${work}/rootfs" "${work}/image"
    (cd "${src}" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-buildvcs=false "${go}" build -trimpath \
      -ldflags '-s -w' -o "${work}/rootfs/pause" .) >&2 || {
      echo "offline-cluster: building the pause binary from ${src} failed" >&2
      rm -rf "${work}"
      return 1
    }
    tar --create --file "${work}/layer.tar" --directory "${work}/rootfs" --format=posix --numeric-owner \
      --owner=0 --group=0 --mtime=@0 --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime pause
    local diff_id config config_id
    diff_id="$(sha256sum <"${work}/layer.tar" | cut -d' ' -f1)"
    mkdir "${work}/image/${diff_id}"
    mv "${work}/layer.tar" "${work}/image/${diff_id}/layer.tar"
    config="$(printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"65535:65535","Entrypoint":["/pause"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "${diff_id}")"
    config_id="$(printf '%s' "${config}" | sha256sum | cut -d' ' -f1)"
    printf '%s' "${config}" >"${work}/image/${config_id}.json"
    printf '[{"Config":"%s.json","RepoTags":["alphintra.local/pause:%s"],"Layers":["%s/layer.tar"]}]' \
      "${config_id}" "${key}" "${diff_id}" >"${work}/image/manifest.json"
    tar --create --file "${tar}.tmp.$$" --directory "${work}/image" --sort=name --format=posix \
      --numeric-owner --owner=0 --group=0 --mtime=@0 \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      manifest.json "${config_id}.json" "${diff_id}"
    mv -f "${tar}.tmp.$$" "${tar}"
    rm -rf "${work}"
    find "${cache}" -maxdepth 1 -name 'pause-*.tar' ! -name "pause-${key}.tar" -delete
  fi
  printf '%s\n' "${tar}"
}

# Starts the real node of the cluster in $dir and waits until it is Ready.
real_node_up() {
  local name="$1" dir="$2" bin="$3" node="$2/node" started
  started="$(date +%s.%N)"
  local reason
  reason="$(real_node_unavailable_reason)" || {
    echo "offline-cluster: no real node: ${reason}" >&2
    return 1
  }
  mkdir -p "${node}"/{run,logs,pki,cni/net.d,cni/ipam,containerd,kubelet,pod-logs,kube-proxy}
  # Recorded whole or not at all (a kill half-way must not leave a partial iptables record that
  # would make `down` take the host's own chains for the node's); nothing runs before it.
  rm -rf "${node}/host-before.tmp"
  mkdir "${node}/host-before.tmp"
  real_node_record_host "${node}/host-before.tmp"
  mv "${node}/host-before.tmp" "${node}/host-before"

  local pause_tar pause_tag node_ip server
  pause_tar="$(real_node_pause_image)"
  pause_tag="alphintra.local/pause:$(basename "${pause_tar}" .tar | sed 's/^pause-//')"
  # The source address of the default route (a route lookup only; nothing is sent).
  node_ip="$(ip -4 route get 192.0.2.255 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "src") { print $(i + 1); exit } }')"
  [[ -n "${node_ip}" ]] || node_ip="$(hostname -I | awk '{ print $1 }')"
  server="$("${bin}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" config view --minify -o jsonpath='{.clusters[0].cluster.server}')"

  real_node_write_configs "${dir}" "${pause_tag}" "${node_ip}" "${server}"
  real_node_apiserver_certificate "${dir}" "${bin}" "${server}"
  real_node_spawn "${node}/logs/containerd.log" containerd --config "${node}/containerd/config.toml"
  real_node_await "containerd" 30 ctr --address "${node}/run/containerd.sock" version
  ctr --address "${node}/run/containerd.sock" -n k8s.io images import --no-unpack=false "${pause_tar}" >&2
  real_node_spawn "${node}/logs/kubelet.log" "${bin}/kubelet" --config "${node}/kubelet/config.yaml" \
    --kubeconfig "${node}/kubelet.kubeconfig" --root-dir "${node}/kubelet" --node-ip "${node_ip}" \
    --hostname-override "${REAL_NODE_NAME}" --v=1
  real_node_spawn "${node}/logs/kube-proxy.log" "${bin}/kube-proxy" --config "${node}/kube-proxy/config.yaml" --v=1
  real_node_await "node ${REAL_NODE_NAME} registered" 60 \
    "${bin}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" get node "${REAL_NODE_NAME}"
  "${bin}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" wait --for=condition=Ready \
    "node/${REAL_NODE_NAME}" --timeout=120s >&2
  echo "offline-cluster: real node ${REAL_NODE_NAME} (${node_ip}) Ready $(real_node_since "${started}") s after its start began (host record, certificates, containerd, kubelet, kube-proxy)" >&2
  real_node_addons "${dir}" "${bin}"
  real_node_volumes "${dir}" "${bin}"
}

# REAL_NODE_VOLUMES `local` PersistentVolumes of the real node, one directory each under
# <cluster dir>/node/volumes (so `down` removes their data with the node), without a storage
# class: claims that name none bind to them. Retain: a released volume is not reused, the next
# claim takes another. Pods write as their own uid, hence mode 1777 on each directory.
real_node_volumes() {
  local dir="$1" bin="$2" i path manifest=""
  for ((i = 1; i <= REAL_NODE_VOLUMES; i++)); do
    path="${dir}/node/volumes/${i}"
    mkdir -p "${path}"
    chmod 1777 "${path}"
    manifest+="apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${REAL_NODE_NAME}-volume-${i}
  labels: {app.kubernetes.io/managed-by: alphintra-offline-cluster}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: \"\"
  volumeMode: Filesystem
  local: {path: ${path}}
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions:
            - {key: kubernetes.io/hostname, operator: In, values: [${REAL_NODE_NAME}]}
---
"
  done
  [[ -z "${manifest}" ]] ||
    "${bin}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" apply --server-side \
      --field-manager=alphintra-offline-cluster -f - <<<"${manifest}" >/dev/null
  echo "offline-cluster: ${REAL_NODE_VOLUMES} local PersistentVolumes of 10Gi under ${dir}/node/volumes" >&2
}

real_node_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# A variable of the add-on manifests: the environment, else addons/addons.env.
real_node_addon_value() {
  local value="${!1:-}"
  [[ -n "${value}" ]] || value="$(awk -F= -v k="$1" '$1 == k { print $2; exit }' "${SCRIPT_DIR}/addons/addons.env")"
  [[ -n "${value}" ]] || {
    echo "offline-cluster: $1 is neither set nor in ${SCRIPT_DIR}/addons/addons.env" >&2
    return 1
  }
  printf '%s\n' "${value}"
}

# Imports the add-on images, applies their manifests once kube-proxy serves the kubernetes Service
# (kube-router and the metrics APIService reach the API server and metrics-server by ClusterIP),
# and waits until CoreDNS, metrics-server and kube-router are Ready; fails naming the one that is
# not, with its pods' states.
real_node_addons() {
  local dir="$1" bin="$2" started images range
  local -a kubectl
  started="$(date +%s.%N)"
  kubectl=("${bin}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml")
  images="$(bash "${SCRIPT_DIR}/addons.sh" --print-dir)" || {
    echo "offline-cluster: the add-on images could not be built (e2e/toolchain/addons.sh)" >&2
    return 1
  }
  real_node_import "${dir}" "${images}"/coredns-*.tar "${images}"/metrics-server-*.tar "${images}"/kube-router-*.tar
  # CLUSTER_DNS_IP must lie in the API server's service range; kwokctl passes none, so
  # kube-apiserver's default applies. Compare with the flag of the running API server.
  range="$({ tr '\0' '\n' <"/proc/$(real_node_apiserver_pid "${dir}")/cmdline"; } 2>/dev/null |
    sed -n 's/^--service-cluster-ip-range=//p' || true)"
  range="${range:-10.0.0.0/24}"
  if [[ "${range}" != "$(real_node_addon_value SERVICE_CLUSTER_CIDR)" ]]; then
    echo "offline-cluster: the API server's service range is ${range}, addons/addons.env says SERVICE_CLUSTER_CIDR=$(real_node_addon_value SERVICE_CLUSTER_CIDR); set SERVICE_CLUSTER_CIDR and CLUSTER_DNS_IP to match it" >&2
    return 1
  fi
  real_node_await "kube-proxy's rules for the kubernetes Service" 60 \
    bash -c 'iptables -t nat -S KUBE-SERVICES | grep -q "default/kubernetes:https"'
  # The APIService last, once kube-proxy routes the metrics-server Service: a ClusterIP without
  # rules leaves the host by its default route, and here the gateway answers any address on 443
  # with 404; the aggregator would keep that connection (and its 404s) for good.
  local manifests
  manifests="$(bash "${SCRIPT_DIR}/addons.sh" render)"
  awk 'BEGIN { RS = "\n---\n"; ORS = "\n---\n" } !/\nkind: APIService\n/' <<<"${manifests}" |
    "${kubectl[@]}" apply --server-side --field-manager=alphintra-addons -f - >&2
  real_node_await "kube-proxy's rules for the metrics-server Service" 60 \
    bash -c 'iptables -t nat -S KUBE-SERVICES | grep -q "kube-system/metrics-server:https cluster IP"'
  "${kubectl[@]}" apply --server-side --field-manager=alphintra-addons -f - <<<"${manifests}" >&2
  local workload
  for workload in deployment/coredns deployment/metrics-server daemonset/kube-router; do
    if ! "${kubectl[@]}" -n kube-system rollout status "${workload}" --timeout="${REAL_NODE_ADDON_TIMEOUT}s" >/dev/null 2>&1; then
      echo "offline-cluster: add-on ${workload} not Ready after ${REAL_NODE_ADDON_TIMEOUT} s; its pods:" >&2
      "${kubectl[@]}" -n kube-system get pods -o wide >&2 || true
      "${kubectl[@]}" -n kube-system describe "${workload}" 2>&1 | tail -20 >&2 || true
      return 1
    fi
    echo "offline-cluster: add-on ${workload} Ready $(real_node_since "${started}") s after the add-ons began" >&2
  done
  "${kubectl[@]}" wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io \
    --timeout="${REAL_NODE_ADDON_TIMEOUT}s" >/dev/null || {
    echo "offline-cluster: APIService v1beta1.metrics.k8s.io not Available after ${REAL_NODE_ADDON_TIMEOUT} s" >&2
    return 1
  }
  echo "offline-cluster: add-ons (CoreDNS, metrics-server, kube-router) Ready $(real_node_since "${started}") s after they began (images imported, manifests applied)" >&2
}

# The pid of the cluster's kube-apiserver (its command line names the cluster dir).
real_node_apiserver_pid() {
  local pid
  for pid in $(pgrep -x kube-apiserver); do
    grep -qaF "$1/" "/proc/${pid}/cmdline" 2>/dev/null && { echo "${pid}"; return 0; }
  done
  return 1
}

# Imports image tars (docker save / Jib tar) into the node's containerd, for imagePullPolicy
# IfNotPresent: nothing can be pulled.
real_node_import() {
  local dir="$1" tar
  shift
  [[ -S "${dir}/node/run/containerd.sock" ]] || {
    echo "offline-cluster: $(basename "${dir}") has no real node (no containerd socket)" >&2
    return 1
  }
  for tar in "$@"; do
    ctr --address "${dir}/node/run/containerd.sock" -n k8s.io images import "${tar}" >&2
  done
}

# Starts a node process in its own session, none of this script's descriptors (locks) inherited.
real_node_spawn() {
  local log="$1"
  shift
  (
    for fd in /proc/"${BASHPID}"/fd/*; do
      fd="${fd##*/}"
      [[ "${fd}" -gt 2 ]] && eval "exec ${fd}<&-" 2>/dev/null
    done
    exec setsid "$@" </dev/null >>"${log}" 2>&1
  ) &
}

real_node_await() { # real_node_await <what> <seconds> <command...>
  local what="$1" seconds="$2" t
  shift 2
  for ((t = 0; t < seconds * 5; t++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "offline-cluster: ${what}: not there after ${seconds} s" >&2
  return 1
}

# Records what real_node_down restores: sysctls, iptables/ip6tables rules, nftables tables and
# which of the host paths exist.
real_node_record_host() {
  local out="$1" key
  : >"${out}/sysctls"
  for key in ${REAL_NODE_SYSCTLS}; do
    [[ -f "/proc/sys/${key}" ]] && printf '%s %s\n' "${key}" "$(tr '\t' ' ' <"/proc/sys/${key}")" >>"${out}/sysctls"
  done
  iptables-save >"${out}/iptables.save"
  ip6tables-save >"${out}/ip6tables.save"
  nft list tables >"${out}/nft.tables"
  ipset list -n >"${out}/ipsets"
  : >"${out}/absent-paths"
  for key in ${REAL_NODE_HOST_PATHS}; do
    [[ -e "${key}" ]] || echo "${key}" >>"${out}/absent-paths"
  done
}

real_node_write_configs() {
  local dir="$1" pause_tag="$2" node_ip="$3" server="$4" node="$1/node"
  cat >"${node}/containerd/config.toml" <<EOF
# Generated by e2e/toolchain/real-node.sh for $(basename "${dir}").
version = 2
root = "${node}/containerd/root"
state = "${node}/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]

[grpc]
  address = "${node}/run/containerd.sock"

[ttrpc]
  address = "${node}/run/containerd.sock.ttrpc"

[plugins."io.containerd.internal.v1.opt"]
  path = "${node}/containerd/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${pause_tag}"
  # This VM lacks CAP_SYS_RESOURCE: a negative oom_score_adj is refused and every sandbox fails.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "${node}/run/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${node}/cni/net.d"
EOF
  cat >"${node}/cni/net.d/10-${REAL_NODE_CNI_NETWORK}.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "${REAL_NODE_CNI_NETWORK}",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "${REAL_NODE_BRIDGE}",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "${REAL_NODE_POD_CIDR}" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "${node}/cni/ipam"
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
  real_node_certificate "${dir}" kubelet "system:node:${REAL_NODE_NAME}" system:nodes
  real_node_certificate "${dir}" kube-proxy system:kube-proxy ""
  real_node_kubeconfig "${dir}" kubelet "${server}" >"${node}/kubelet.kubeconfig"
  real_node_kubeconfig "${dir}" kube-proxy "${server}" >"${node}/kube-proxy/kubeconfig"
  cat >"${node}/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://${node}/run/containerd.sock
cgroupDriver: cgroupfs
# cgroup v1 is in maintenance mode since 1.31; kubelet refuses it unless told otherwise.
failCgroupV1: false
failSwapOn: false
address: ${node_ip}
readOnlyPort: 0
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: ${dir}/pki/ca.crt
authorization:
  mode: Webhook
clusterDomain: $(real_node_addon_value CLUSTER_DOMAIN)
clusterDNS: [$(real_node_addon_value CLUSTER_DNS_IP)]
resolvConf: /etc/resolv.conf
podLogsDir: ${node}/pod-logs
# Imported images cannot be pulled back: never collect them, and never evict for disk.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  imagefs.available: 1%
  nodefs.inodesFree: 1%
serializeImagePulls: false
EOF
  cat >"${node}/kube-proxy/config.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: ${node}/kube-proxy/kubeconfig
mode: iptables
hostnameOverride: ${REAL_NODE_NAME}
clusterCIDR: ${REAL_NODE_POD_CIDR}
bindAddress: 127.0.0.1
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
iptables:
  # NodePorts on 127.0.0.1 would need net.ipv4.conf.all.route_localnet=1.
  localhostNodePorts: false
conntrack:
  # Leave the host's conntrack table size and timeouts alone.
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
EOF
}

# Pods reach the API server at the kubernetes Service's ClusterIP (KUBERNETES_SERVICE_HOST), which
# the serving certificate kwokctl writes (pki/admin.crt, also its admin client certificate) does
# not name: client-go in CoreDNS, metrics-server and kube-router fails TLS verification. Re-signs
# that certificate (same key and subject) with the ClusterIP added, atomically; kube-apiserver
# reloads its serving certificate from the file, and waits until it serves the new one.
real_node_apiserver_certificate() {
  local dir="$1" bin="$2" server="$3" pki="$1/node/pki" service_ip sans
  service_ip="$("${bin}/kubectl" --kubeconfig "${dir}/kubeconfig.yaml" -n default get service kubernetes \
    -o jsonpath='{.spec.clusterIP}')"
  sans="$(openssl x509 -in "${dir}/pki/admin.crt" -noout -ext subjectAltName | tail -n +2 | tr -d ' ' |
    sed 's/IPAddress:/IP:/g')"
  if [[ ",${sans}," == *",IP:${service_ip},"* ]]; then
    return 0
  fi
  openssl x509 -in "${dir}/pki/admin.crt" -x509toreq -signkey "${dir}/pki/admin.key" \
    -out "${pki}/apiserver.csr" 2>/dev/null
  openssl x509 -req -in "${pki}/apiserver.csr" -CA "${dir}/pki/ca.crt" -CAkey "${dir}/pki/ca.key" \
    -CAcreateserial -CAserial "${pki}/ca.srl" -days 3650 -out "${dir}/pki/admin.crt.new" \
    -extfile <(printf 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=critical,CA:FALSE\nsubjectAltName=%s,IP:%s\n' \
      "${sans}" "${service_ip}") 2>/dev/null
  mv -f "${dir}/pki/admin.crt.new" "${dir}/pki/admin.crt"
  local hostport="${server#https://}"
  real_node_await "the API server serving a certificate for ${service_ip}" 60 bash -c \
    "openssl s_client -connect '${hostport}' </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName | grep -q 'IP Address:${service_ip}\$\|IP Address:${service_ip},'"
}


# Writes <node>/pki/<name>.{key,crt}, a client certificate signed by the cluster CA kwokctl wrote.
real_node_certificate() {
  local dir="$1" name="$2" cn="$3" org="$4" pki="$1/node/pki"
  local subject="/CN=${cn}"
  [[ -z "${org}" ]] || subject="/O=${org}${subject}"
  openssl req -new -newkey rsa:2048 -nodes -keyout "${pki}/${name}.key" -subj "${subject}" \
    -out "${pki}/${name}.csr" 2>/dev/null
  openssl x509 -req -in "${pki}/${name}.csr" -CA "${dir}/pki/ca.crt" -CAkey "${dir}/pki/ca.key" \
    -CAcreateserial -CAserial "${pki}/ca.srl" -days 30 -out "${pki}/${name}.crt" \
    -extfile <(printf 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n') 2>/dev/null
  chmod 0600 "${pki}/${name}.key"
}

real_node_kubeconfig() {
  local dir="$1" name="$2" server="$3"
  cat <<EOF
apiVersion: v1
kind: Config
clusters:
- name: cluster
  cluster:
    server: ${server}
    certificate-authority: ${dir}/pki/ca.crt
users:
- name: ${name}
  user:
    client-certificate: ${dir}/node/pki/${name}.crt
    client-key: ${dir}/node/pki/${name}.key
contexts:
- name: ${name}
  context:
    cluster: cluster
    user: ${name}
current-context: ${name}
EOF
}

# Stops the real node of the cluster in $dir and restores what it changed on the host. Safe to
# run on a half-started node, twice, or on a cluster without one (does nothing then).
real_node_down() {
  local dir="$1" node="$1/node" sock="$1/node/run/containerd.sock"
  [[ -d "${node}" ]] || return 0
  echo "offline-cluster: stopping the real node of $(basename "${dir}")" >&2
  real_node_stop_matching "${node}/kubelet/config.yaml"
  real_node_stop_matching "${node}/kube-proxy/config.yaml"
  if [[ -S "${sock}" ]] && ctr --address "${sock}" version >/dev/null 2>&1; then
    local task
    for task in $(ctr --address "${sock}" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address "${sock}" -n k8s.io tasks kill -s SIGKILL "${task}" >/dev/null 2>&1 || true
    done
  fi
  # containerd and every shim (their -address is the node's socket).
  real_node_stop_matching "${node}/"
  real_node_clear_cgroups "${dir}"
  real_node_unmount "${node}"
  local link
  for link in $(ip -o link show master "${REAL_NODE_BRIDGE}" 2>/dev/null | awk -F': ' '{ print $2 }' | cut -d@ -f1); do
    ip link delete "${link}" 2>/dev/null || true
  done
  ip link delete "${REAL_NODE_BRIDGE}" 2>/dev/null || true
  if [[ -d "${node}/host-before" ]]; then
    real_node_restore_netfilter "${node}/host-before"
    real_node_destroy_ipsets "${node}/host-before/ipsets"
    real_node_restore_sysctls "${node}/host-before/sysctls"
    real_node_remove_host_paths "${dir}" "${node}/host-before/absent-paths"
  fi
  conntrack -D -s "${REAL_NODE_POD_CIDR}" >/dev/null 2>&1 || true
  conntrack -D -d "${REAL_NODE_POD_CIDR}" >/dev/null 2>&1 || true
}

# SIGTERM, then SIGKILL after 5 s, to every process whose command line contains $1.
real_node_stop_matching() {
  local pid t
  local -a pids=()
  for pid in $(grep -laF -f <(printf '%s\n' "$1") /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
    [[ "${pid}" != "$$" && "${pid}" != "${BASHPID}" ]] && pids+=("${pid}")
  done
  [[ ${#pids[@]} -gt 0 ]] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((t = 0; t < 50; t++)); do
    local alive=0
    for pid in "${pids[@]}"; do
      grep -qsaF -- "$1" "/proc/${pid}/cmdline" && alive=1
    done
    [[ ${alive} -eq 1 ]] || return 0
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  sleep 0.2
}

# Kills what is left in the kubepods cgroups (cgroupfs driver, one real node per host) and removes
# them, deepest first; a cgroup whose last process just died stays busy for a moment.
real_node_clear_cgroups() {
  [[ -z "$(real_node_running_elsewhere "$1")" ]] || return 0
  local root t pid
  for root in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    for ((t = 0; t < 50; t++)); do
      [[ -d "${root}" ]] || break
      for pid in $(find "${root}" -name cgroup.procs -exec cat {} + 2>/dev/null); do
        kill -KILL "${pid}" 2>/dev/null || true
      done
      find "${root}" -depth -type d -exec rmdir {} \; 2>/dev/null || true
      [[ -d "${root}" ]] && sleep 0.1
    done
    [[ ! -d "${root}" ]] || echo "offline-cluster: could not remove the cgroup ${root}" >&2
  done
}

# Unmounts everything mounted under $1 (kubelet's bind mount of its root onto itself, volumes,
# rootfs overlays, shm, netns), deepest first; lazily when busy.
real_node_unmount() {
  local m
  for m in $(awk -v w="$1/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount "${m}" 2>/dev/null || umount -l "${m}" 2>/dev/null || true
  done
  # A mount seen twice (kubelet's root bind-mounted onto itself) needs a second pass.
  for m in $(awk -v w="$1/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount -l "${m}" 2>/dev/null || true
  done
}

# Deletes the iptables/ip6tables rules that jump to chains created during the run, those chains,
# and the nftables tables created during the run that are empty afterwards.
real_node_restore_netfilter() {
  local before="$1" family
  for family in iptables ip6tables; do
    local script
    script="$(awk -v before="${before}/${family}.save" '
      BEGIN {
        while ((getline line < before) > 0) {
          if (line ~ /^\*/) table = substr(line, 2)
          else if (line ~ /^:/) { split(substr(line, 2), f, " "); old[table, f[1]] = 1 }
        }
      }
      /^\*/ { table = substr($0, 2); tables[++nt] = table; next }
      /^:/ { split(substr($0, 2), f, " "); if (!((table, f[1]) in old)) { new[table, ++nn[table]] = f[1]; isnew[table, f[1]] = 1 }; next }
      /^-A / {
        for (i = 1; i <= NF; i++) if (($i == "-j" || $i == "-g") && (table, $(i + 1)) in isnew && !((table, $2) in isnew)) {
          del[table, ++nd[table]] = "-D" substr($0, 3); break
        }
      }
      END {
        for (t = 1; t <= nt; t++) {
          table = tables[t]
          if (!nn[table]) continue
          print "*" table
          for (i = 1; i <= nd[table]; i++) print del[table, i]
          for (i = 1; i <= nn[table]; i++) print "-F " new[table, i]
          for (i = 1; i <= nn[table]; i++) print "-X " new[table, i]
          print "COMMIT"
        }
      }' <("${family}-save"))"
    if [[ -n "${script}" ]]; then
      "${family}-restore" --noflush <<<"${script}" || echo "offline-cluster: ${family}-restore failed; left: $("${family}-save" | grep -c '^:')" >&2
    fi
  done
  local table
  while read -r table; do
    [[ -n "${table}" ]] || continue
    grep -qxF "${table}" "${before}/nft.tables" && continue
    # Only what the node made: iptables-nft's tables once empty again, kube-proxy's own.
    if [[ "${table}" == *" kube-proxy" ]] || ! nft list "${table}" | grep -qE '^\s+(jump|goto|counter|ip |ip6 |meta |ct |tcp |udp |iifname|oifname|mark|drop|accept|reject|masquerade|dnat|snat)'; then
      nft delete "${table}" 2>/dev/null || true
    fi
  done < <(nft list tables)
}

# Destroys kube-router's ipsets that did not exist before the node started; the rules that match
# them must be gone first (real_node_restore_netfilter).
real_node_destroy_ipsets() {
  command -v ipset >/dev/null 2>&1 || return 0
  local set
  for set in $(ipset list -n 2>/dev/null | grep -E "${REAL_NODE_IPSET_PATTERN}"); do
    [[ -f "$1" ]] && grep -qxF "${set}" "$1" && continue
    ipset destroy "${set}" 2>/dev/null || echo "offline-cluster: could not destroy the ipset ${set}" >&2
  done
}

real_node_restore_sysctls() {
  local key value
  while read -r key value; do
    [[ -f "/proc/sys/${key}" ]] || continue
    [[ "$(tr '\t' ' ' <"/proc/sys/${key}")" == "${value}" ]] || printf '%s\n' "${value}" >"/proc/sys/${key}" 2>/dev/null || true
  done <"$1"
}

# Removes the host paths that did not exist before the node started (none may hold a mount).
real_node_remove_host_paths() {
  local dir="$1" path
  while read -r path; do
    [[ -n "${path}" && -e "${path}" ]] || continue
    if awk -v w="${path}/" 'index($5, w) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
      echo "offline-cluster: ${path} still holds mounts; left in place" >&2
      continue
    fi
    rm -rf --one-file-system "${path}"
  done <"$2"
}
