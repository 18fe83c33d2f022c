#!/usr/bin/env bash
# The real node's cluster add-ons: CoreDNS (cluster DNS), metrics-server (resource metrics for
# HPAs) and kube-router's firewall (the NetworkPolicy enforcer). Builds (once) and caches their
# images from the binaries k8s-toolchain.sh builds, and renders their manifests (addons/*.yaml).
#
# Usage:
#   addons.sh                 ensure every image is built; one status line per image
#   addons.sh --print-dir     ensure built, then print only the directory of the image tars
#   addons.sh --check         exit 0 only if every image for the current inputs is cached
#   addons.sh render          print the manifests of all add-ons for one cluster (variables below)
#
# Images: `docker save`-style tars written by lib/docker-archive.sh (what `ctr -n k8s.io images
# import` reads), tagged alphintra.local/<name>:<version>, in
# ${ALPHINTRA_IMAGE_CACHE:-~/.cache/alphintra/images}/addons/<name>-<version>.tar. They are
# reproducible: same binaries, script and lock, same bytes.
#   coredns         static binary + passwd/group; runs as nonroot 65532 and serves on 1053
#   metrics-server  static binary + passwd/group; runs as nonroot 65532
#   kube-router     static binary + iptables/ipset from Debian (addons.lock); runs as root
#
# Variables of `render` (environment, else addons/addons.env):
#   CLUSTER_DNS_IP        the kube-dns Service's ClusterIP; the kubelet's clusterDNS must be this
#   CLUSTER_DOMAIN        the cluster domain; the kubelet's clusterDomain must be this
#   SERVICE_CLUSTER_CIDR  the API server's --service-cluster-ip-range (kube-router allows it)
#   NODE_PORT_RANGE       the API server's --service-node-port-range

main() {
  set -euo pipefail
  SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  LOCK_FILE="${SCRIPT_DIR}/addons.lock"
  # shellcheck source=lib/docker-archive.sh
  source "${SCRIPT_DIR}/lib/docker-archive.sh"
  # shellcheck source=versions.env
  source "${SCRIPT_DIR}/versions.env"

  local mode=ensure
  case "${1:-}" in
    "") ;;
    --print-dir) mode=print ;;
    --check) mode=check ;;
    render)
      render
      return 0
      ;;
    -h | --help)
      awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
      return 0
      ;;
    *)
      echo "addons: unknown argument: $1 (use --print-dir, --check, render or nothing)" >&2
      return 2
      ;;
  esac
  if [[ "${mode}" == print ]]; then exec 3>&2; else exec 3>&1; fi

  SOURCE_DATE_EPOCH="$(lock_field source-date-epoch)"
  export SOURCE_DATE_EPOCH
  CACHE="${ALPHINTRA_IMAGE_CACHE:-${HOME}/.cache/alphintra/images}/addons"

  local bin_dir
  if [[ "${mode}" == check ]]; then
    bash "${SCRIPT_DIR}/k8s-toolchain.sh" --check >/dev/null || {
      echo "addons: the add-on binaries are not built (run e2e/toolchain/k8s-toolchain.sh)" >&3
      return 1
    }
  fi
  # Builds the binaries first when they are not cached (its status lines go to stderr).
  bin_dir="$(bash "${SCRIPT_DIR}/k8s-toolchain.sh" --print-bin-dir)" || die "k8s-toolchain.sh failed"

  local name version rc=0 start
  mkdir -p "${CACHE}"
  for name in coredns metrics-server kube-router; do
    version="$(version_of "${name}")"
    start="$(date +%s.%N)"
    local image="${CACHE}/${name}-${version}.tar" key
    key="$(image_key "${name}" "${bin_dir}/${name}")"
    if is_cached "${image}" "${key}"; then
      status "${name}" "${version}" "cached ($(elapsed "${start}")s)"
    elif [[ "${mode}" == check ]]; then
      status "${name}" "${version}" "not cached (no ${image##*/} for the current inputs)"
      rc=1
    else
      # One builder per image at a time (e.g. parallel test JVMs); whoever waited re-checks.
      exec 9>"${CACHE}/.${name}.lock"
      flock 9
      if is_cached "${image}" "${key}"; then
        status "${name}" "${version}" "cached ($(elapsed "${start}")s)"
      else
        build_image "${name}" "${version}" "${bin_dir}/${name}" "${image}" "${key}"
        status "${name}" "${version}" "built ($(elapsed "${start}")s, $(du -m "${image}" | cut -f1) MB)"
      fi
      exec 9>&-
    fi
  done
  [[ "${mode}" != print ]] || printf '%s\n' "${CACHE}"
  return "${rc}"
}

die() {
  echo "addons: ERROR: $*" >&2
  exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
status() { printf 'addon alphintra.local/%s:%s: %s\n' "$1" "$2" "$3" >&3; }
lock_field() { awk -v k="$1:" '$1 == k { print $2; exit }' "${LOCK_FILE}"; }

version_of() {
  case "$1" in
    coredns) echo "${COREDNS_VERSION}" ;;
    metrics-server) echo "${METRICS_SERVER_VERSION}" ;;
    kube-router) echo "${KUBE_ROUTER_VERSION}" ;;
  esac
}

is_cached() { [[ -s "$1" && "$(cat "$1.key" 2>/dev/null)" == "$2" ]]; }

# Everything an image is made of: this script, the archive writer, the lock and the binary.
image_key() {
  {
    echo "$1"
    sha256sum <"${BASH_SOURCE[0]}"
    sha256sum <"${SCRIPT_DIR}/lib/docker-archive.sh"
    sha256sum <"${LOCK_FILE}"
    sha256sum <"$2"
  } | sha256sum | cut -c1-16
}

NONROOT_ID=65532
BIN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

build_image() {
  local name="$1" version="$2" binary="$3" image="$4" key="$5"
  local work
  work="$(mktemp -d "${CACHE}/.build-${name}.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: work is local
  trap "rm -rf '${work}'" EXIT
  local root="${work}/rootfs"
  mkdir -p "${root}"
  if [[ "${name}" == kube-router ]]; then unpack_debs "${work}" "${root}"; fi
  accounts "${root}"
  install -D -m 0755 "${binary}" "${root}/usr/local/bin/${name}"
  # Every entry of the layer is root-owned and its mode is set here, whatever the umask.
  find "${root}" -type d -exec chmod 0755 {} +
  chmod 1777 "${root}/tmp"
  tar_reproducibly "${root}" "${work}/layer.tar" --owner=0 --group=0

  local labels user cmd="" ports=""
  labels="$(printf '"org.opencontainers.image.title":"%s","org.opencontainers.image.version":"%s","io.alphintra.addon.key":"%s"' \
    "${name}" "${version}" "${key}")"
  case "${name}" in
    coredns)
      user="${NONROOT_ID}:${NONROOT_ID}"
      cmd=',"Cmd":["-conf","/etc/coredns/Corefile"]'
      ports=',"ExposedPorts":{"1053/tcp":{},"1053/udp":{},"8080/tcp":{},"8181/tcp":{}}'
      ;;
    metrics-server)
      user="${NONROOT_ID}:${NONROOT_ID}"
      ports=',"ExposedPorts":{"10250/tcp":{}}'
      ;;
    kube-router)
      # iptables and ipset need root (with NET_ADMIN) in the host's network namespace.
      user="0:0"
      ;;
  esac
  local config
  config="$(printf '{"User":"%s","Env":["PATH=%s"],"Entrypoint":["/usr/local/bin/%s"]%s%s,"WorkingDir":"/","Labels":{%s}}' \
    "${user}" "${BIN_PATH}" "${name}" "${cmd}" "${ports}" "${labels}")"
  docker_archive "${image}" "alphintra.local/${name}:${version}" "${config}" \
    "e2e/toolchain/addons.sh (${name} ${version}, CGO_ENABLED=0)" "${work}/layer.tar" >/dev/null
  printf '%s\n' "${key}" >"${image}.key"
  # Images of older versions or inputs are never used again.
  find "${CACHE}" -maxdepth 1 -name "${name}-v*.tar*" ! -name "${image##*/}" ! -name "${image##*/}.key" -delete
  rm -rf "${work}"
  trap - EXIT
}

# /etc/passwd and /etc/group with root and nonroot (65532): a numeric USER without entries runs
# with gid 0.
accounts() {
  local root="$1"
  mkdir -p "${root}/etc" "${root}/tmp" "${root}/home/nonroot"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/usr/sbin/nologin\n' \
    "${NONROOT_ID}" "${NONROOT_ID}" >"${root}/etc/passwd"
  printf 'root:x:0:\nnonroot:x:%s:\n' "${NONROOT_ID}" >"${root}/etc/group"
  chmod 0644 "${root}/etc/passwd" "${root}/etc/group"
}

# The pinned Debian packages of addons.lock, unpacked (no maintainer scripts run), plus what
# their postinst would have done that kube-router relies on: the iptables alternatives. The
# nft variant is Debian's default, the one the host's kube-proxy uses; both must agree.
unpack_debs() {
  local work="$1" root="$2" deb
  local -a pins
  mapfile -t pins < <(awk '$1 == "deb:" { print $2 "=" $3 }' "${LOCK_FILE}")
  mkdir -p "${work}/debs"
  command -v apt-get >/dev/null || die "apt-get is needed to fetch the Debian packages of the kube-router image"
  # A fresh machine may have no package lists yet: refresh them once (as root) and retry.
  if ! (cd "${work}/debs" && apt-get download -qq "${pins[@]}" >"${work}/apt.log" 2>&1) &&
    ! { [[ "$(id -u)" == 0 ]] && apt-get update -qq >>"${work}/apt.log" 2>&1 &&
      (cd "${work}/debs" && apt-get download -qq "${pins[@]}" >>"${work}/apt.log" 2>&1); }; then
    die "apt-get download of the packages pinned in ${LOCK_FILE} failed (run apt-get update; a Debian point release may have replaced one: update its line):
$(cat "${work}/apt.log")"
  fi
  for deb in "${work}"/debs/*.deb; do
    dpkg-deb -x "${deb}" "${root}"
  done
  rm -rf "${root}"/usr/share/doc "${root}"/usr/share/man "${root}"/usr/share/info \
    "${root}"/usr/share/locale "${root}"/usr/share/lintian "${root}"/usr/share/bug
  local tool
  for tool in iptables ip6tables; do
    ln -sfn "${tool}-nft" "${root}/usr/sbin/${tool}"
    ln -sfn "${tool}-nft-save" "${root}/usr/sbin/${tool}-save"
    ln -sfn "${tool}-nft-restore" "${root}/usr/sbin/${tool}-restore"
  done
  [[ -x "${root}/usr/sbin/xtables-nft-multi" ]] || die "the unpacked packages lack /usr/sbin/xtables-nft-multi"
  [[ -x "${root}/sbin/ipset" || -x "${root}/usr/sbin/ipset" ]] || die "the unpacked packages lack ipset"
}

render() {
  local env_file="${SCRIPT_DIR}/addons/addons.env" var value
  local -a vars=(CLUSTER_DNS_IP CLUSTER_DOMAIN SERVICE_CLUSTER_CIDR NODE_PORT_RANGE)
  local -A values=(
    [COREDNS_IMAGE]="alphintra.local/coredns:${COREDNS_VERSION}"
    [METRICS_SERVER_IMAGE]="alphintra.local/metrics-server:${METRICS_SERVER_VERSION}"
    [KUBE_ROUTER_IMAGE]="alphintra.local/kube-router:${KUBE_ROUTER_VERSION}"
  )
  for var in "${vars[@]}"; do
    value="${!var:-$(awk -F= -v k="${var}" '$1 == k { print $2; exit }' "${env_file}")}"
    [[ -n "${value}" ]] || die "${var} is neither set nor in ${env_file}"
    values[${var}]="${value}"
  done
  local manifest out first=1
  for manifest in "${SCRIPT_DIR}"/addons/*.yaml; do
    out="$(<"${manifest}")"
    for var in "${!values[@]}"; do out="${out//\$\{${var}\}/${values[${var}]}}"; done
    if grep -qE '\$\{[A-Z_]+\}' <<<"${out}"; then
      die "${manifest} uses variables render does not know: $(grep -oE '\$\{[A-Z_]+\}' <<<"${out}" | sort -u | tr '\n' ' ')"
    fi
    [[ ${first} -eq 1 ]] || echo "---"
    first=0
    printf '%s\n' "${out}"
  done
}

main "$@"
exit $?
