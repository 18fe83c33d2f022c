#!/usr/bin/env bash
# Builds (once) and caches a pinned, offline Kubernetes toolchain from source through the
# Go module proxy: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kubelet,
# kube-proxy, etcd, kwok, kwokctl and helm, and the real node's add-ons coredns, metrics-server
# and kube-router (addons.sh makes images of them). Versions come from versions.env next to this script.
#
# Usage:
#   k8s-toolchain.sh                 ensure everything is built; one status line per binary
#   k8s-toolchain.sh --print-bin-dir ensure everything is built, then print only the bin dir
#                                    on stdout (status lines go to stderr)
#   k8s-toolchain.sh --check         exit 0 only if every binary is already cached (no build)
#
# Environment:
#   ALPHINTRA_K8S_CACHE  cache root (default: $HOME/.cache/alphintra/k8s); binaries end up in
#                        $ALPHINTRA_K8S_CACHE/<kubernetes-version>/bin, the generated wrapper
#                        Go modules in $ALPHINTRA_K8S_CACHE/<kubernetes-version>/src
#   KUBE_API_TEST_DIR    fabric8 kube-api-test directory (default: $HOME/.kubeapitest); the
#                        script links etcd, kube-apiserver and kubectl into
#                        $KUBE_API_TEST_DIR/k8s/<version without v>-linux-amd64/ (the layout
#                        io.fabric8.kubeapitest.binary.BinaryManager 7.5.2 looks up first;
#                        when it exists kube-api-test does not download anything)
#   GO                   go binary to use (default: go on PATH, else /usr/local/go/bin/go)
#
# Why wrapper modules: k8s.io/kubernetes' go.mod replaces its staging modules (k8s.io/api,
# k8s.io/client-go, ...) with ./staging/src paths, which are not part of the module zip, so
# `go install k8s.io/kubernetes/cmd/...@vX` cannot work. A generated main module requires
# k8s.io/kubernetes vX.Y.Z and replaces every staging module with its published k8s.io/<name>
# v0.Y.Z, which is exactly what the staging directory contains at that tag.

# Bump when the way binaries are built changes (flags, stamped variables): binaries built by
# an older recipe are then rebuilt even though their version still matches.
BUILD_RECIPE=2

main() {
  set -euo pipefail

  local script_dir
  script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # shellcheck source=versions.env
  source "${script_dir}/versions.env"
  : "${KUBERNETES_VERSION:?versions.env must set KUBERNETES_VERSION}"
  : "${ETCD_VERSION:?versions.env must set ETCD_VERSION}"
  : "${KWOK_VERSION:?versions.env must set KWOK_VERSION}"
  : "${HELM_VERSION:?versions.env must set HELM_VERSION}"
  : "${COREDNS_VERSION:?versions.env must set COREDNS_VERSION}"
  : "${METRICS_SERVER_VERSION:?versions.env must set METRICS_SERVER_VERSION}"
  : "${KUBE_ROUTER_VERSION:?versions.env must set KUBE_ROUTER_VERSION}"

  MODE=ensure
  case "${1:-}" in
    "") ;;
    --print-bin-dir) MODE=print ;;
    --check) MODE=check ;;
    -h | --help)
      awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
      return 0
      ;;
    *)
      echo "k8s-toolchain: unknown argument: $1 (use --print-bin-dir, --check or nothing)" >&2
      return 2
      ;;
  esac

  # Status lines go to stdout, except in --print-bin-dir mode where stdout is only the path.
  if [[ "${MODE}" == print ]]; then exec 3>&2; else exec 3>&1; fi

  K8S_SEMVER="${KUBERNETES_VERSION#v}"                 # 1.34.4
  K8S_MAJOR="${K8S_SEMVER%%.*}"                          # 1
  K8S_MINOR="$(cut -d. -f2 <<<"${K8S_SEMVER}")"          # 34
  STAGING_VERSION="v0.${K8S_SEMVER#*.}"                  # v0.34.4

  CACHE_ROOT="${ALPHINTRA_K8S_CACHE:-${HOME}/.cache/alphintra/k8s}"
  VERSION_DIR="${CACHE_ROOT}/${KUBERNETES_VERSION}"
  BIN_DIR="${VERSION_DIR}/bin"
  SRC_DIR="${VERSION_DIR}/src"
  # kube-api-test's platform suffix: "-" + os.name lower-cased + "-" + amd64|arm64|ppc64le.
  local os arch
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in
    aarch64 | arm64) arch=arm64 ;;
    ppc64le) arch=ppc64le ;;
    *) arch=amd64 ;;
  esac
  KAT_DIR="${KUBE_API_TEST_DIR:-${HOME}/.kubeapitest}/k8s/${K8S_SEMVER}-${os}-${arch}"

  local -a specs=(
    # name|module group|package|expected --version substring
    "kube-apiserver|kubernetes|k8s.io/kubernetes/cmd/kube-apiserver|Kubernetes ${KUBERNETES_VERSION}"
    "kube-controller-manager|kubernetes|k8s.io/kubernetes/cmd/kube-controller-manager|Kubernetes ${KUBERNETES_VERSION}"
    "kube-scheduler|kubernetes|k8s.io/kubernetes/cmd/kube-scheduler|Kubernetes ${KUBERNETES_VERSION}"
    "kubectl|kubernetes|k8s.io/kubernetes/cmd/kubectl|Client Version: ${KUBERNETES_VERSION}"
    "kubelet|kubernetes|k8s.io/kubernetes/cmd/kubelet|Kubernetes ${KUBERNETES_VERSION}"
    "kube-proxy|kubernetes|k8s.io/kubernetes/cmd/kube-proxy|Kubernetes ${KUBERNETES_VERSION}"
    "etcd|etcd|go.etcd.io/etcd/server/v3|etcd Version: ${ETCD_VERSION#v}"
    "kwok|kwok|sigs.k8s.io/kwok/cmd/kwok|kwok version ${KWOK_VERSION} "
    "kwokctl|kwok|sigs.k8s.io/kwok/cmd/kwokctl|kwokctl version ${KWOK_VERSION} "
    "helm|helm|helm.sh/helm/v3/cmd/helm|${HELM_VERSION}"
    # The real node's add-ons (addons.sh turns them into images).
    "coredns|coredns|github.com/coredns/coredns|CoreDNS-${COREDNS_VERSION#v}"
    "metrics-server|metrics_server|sigs.k8s.io/metrics-server/cmd/metrics-server|${METRICS_SERVER_VERSION}"
    "kube-router|kube_router|github.com/cloudnativelabs/kube-router/v2/cmd/kube-router|version ${KUBE_ROUTER_VERSION},"
  )

  local spec name group pkg expect start rc=0
  local -a missing=()
  for spec in "${specs[@]}"; do
    IFS='|' read -r name group pkg expect <<<"${spec}"
    start="$(now)"
    if is_cached "${name}" "${pkg}" "${expect}"; then
      status "${name}" "${group}" "cached ($(elapsed "${start}")s)"
    else
      missing+=("${spec}")
    fi
  done

  if [[ "${MODE}" == check ]]; then
    for spec in "${missing[@]+"${missing[@]}"}"; do
      IFS='|' read -r name group pkg expect <<<"${spec}"
      status "${name}" "${group}" "not cached (missing, other version or older build recipe)"
      rc=1
    done
    if [[ ${rc} -eq 0 ]]; then link_kube_api_test --check || rc=1; fi
    return "${rc}"
  fi

  if [[ ${#missing[@]} -gt 0 ]]; then
    mkdir -p "${BIN_DIR}" "${SRC_DIR}"
    # One builder per version dir at a time (e.g. parallel test JVMs); whoever waited re-checks.
    exec 9>"${VERSION_DIR}/.lock"
    if ! flock -n 9; then
      echo "k8s-toolchain: waiting for another build of ${VERSION_DIR} to finish..." >&2
      flock 9
    fi
    setup_go
    local prepared=""
    for spec in "${missing[@]}"; do
      IFS='|' read -r name group pkg expect <<<"${spec}"
      start="$(now)"
      if is_cached "${name}" "${pkg}" "${expect}"; then
        status "${name}" "${group}" "cached ($(elapsed "${start}")s)"
        continue
      fi
      if [[ " ${prepared} " != *" ${group} "* ]]; then
        "prepare_${group}"
        prepared+=" ${group}"
      fi
      build_binary "${name}" "${group}" "${pkg}" "${expect}"
      status "${name}" "${group}" "built ($(elapsed "${start}")s)"
    done
  fi

  link_kube_api_test

  if [[ "${MODE}" == print ]]; then
    printf '%s\n' "${BIN_DIR}"
  fi
}

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
die() {
  echo "k8s-toolchain: ERROR: $*" >&2
  exit 1
}

group_of() {
  case "$1" in
    etcd) echo etcd ;;
    kwok | kwokctl) echo kwok ;;
    helm) echo helm ;;
    coredns) echo coredns ;;
    metrics-server) echo metrics_server ;;
    kube-router) echo kube_router ;;
    *) echo kubernetes ;;
  esac
}

version_of_group() {
  case "$1" in
    kubernetes) echo "${KUBERNETES_VERSION}" ;;
    etcd) echo "${ETCD_VERSION}" ;;
    kwok) echo "${KWOK_VERSION}" ;;
    helm) echo "${HELM_VERSION}" ;;
    coredns) echo "${COREDNS_VERSION}" ;;
    metrics_server) echo "${METRICS_SERVER_VERSION}" ;;
    kube_router) echo "${KUBE_ROUTER_VERSION}" ;;
  esac
}

status() { printf '%s %s: %s\n' "$1" "$(version_of_group "$2")" "$3" >&3; }

# Prints the binary's own version report (whatever flag it uses for that).
version_output() {
  local name="$1" bin="$2"
  case "${name}" in
    kubectl) "${bin}" version --client 2>&1 ;;
    helm) "${bin}" version --short 2>&1 ;;
    coredns) "${bin}" -version 2>&1 ;;
    *) "${bin}" --version 2>&1 ;;
  esac
}

recipe_of() { printf 'recipe=%s %s@%s\n' "${BUILD_RECIPE}" "$2" "$(version_of_group "$1")"; }

is_cached() {
  local name="$1" pkg="$2" expect="$3" bin="${BIN_DIR}/$1"
  [[ -x "${bin}" ]] || return 1
  [[ -f "${BIN_DIR}/.${name}.recipe" ]] || return 1
  [[ "$(<"${BIN_DIR}/.${name}.recipe")" == "$(recipe_of "$(group_of "${name}")" "${pkg}")" ]] || return 1
  local got
  got="$(version_output "${name}" "${bin}")" || return 1
  [[ "${got}" == *"${expect}"* ]]
}

setup_go() {
  GO="${GO:-$(command -v go || true)}"
  if [[ -z "${GO}" && -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go; fi
  [[ -n "${GO}" ]] || die "no go toolchain found (set GO=/path/to/go)"
  export CGO_ENABLED=0
  # Never download another Go toolchain behind our back: fail loudly instead.
  export GOTOOLCHAIN=local
  export GOFLAGS="${GOFLAGS:+${GOFLAGS} }-buildvcs=false"
  echo "k8s-toolchain: building with $("${GO}" version) (GOPROXY=$("${GO}" env GOPROXY))" >&2
}

# `go mod download -json` for the given module@version arguments; dies naming every module the
# proxy could not serve, together with the proxy's error. Prints the JSON on stdout otherwise.
download_modules() {
  local out
  out="$(cd "${SRC_DIR}" && GOFLAGS=-mod=mod "${GO}" mod download -json "$@" 2>&1)" || true
  local errors
  errors="$(awk '
    /^\t"Path": / { path = $2; gsub(/[",]/, "", path) }
    /^\t"Version": / { ver = $2; gsub(/[",]/, "", ver) }
    /^\t"Error": / { sub(/^\t"Error": "/, ""); sub(/",?$/, ""); gsub(/\\n\\t?/, " | "); printf "  %s@%s: %s\n", path, ver, $0 }
  ' <<<"${out}")"
  if [[ -n "${errors}" ]]; then
    die "the Go module proxy could not serve:"$'\n'"${errors}"
  fi
  if ! grep -q '"Path"' <<<"${out}"; then
    die "go mod download $* failed:"$'\n'"${out}"
  fi
  printf '%s\n' "${out}"
}

json_field() { # json_field <field> <json of one module>
  awk -v f="\"$1\":" '$1 == f { v = $2; gsub(/[",]/, "", v); print v; exit }' <<<"$2"
}

# Writes go.mod/tools.go of a wrapper module (only if changed) and runs go mod tidy once per
# distinct go.mod and tools.go content (.tidy-ok records the tools.go it was tidied for: a new
# main package can need go.sum entries the others did not).
write_wrapper() {
  local dir="$1" gomod="$2" tools="$3"
  mkdir -p "${dir}"
  if [[ ! -f "${dir}/go.mod.in" ]] || [[ "$(cat "${dir}/go.mod.in")" != "${gomod}" ]]; then
    printf '%s\n' "${gomod}" >"${dir}/go.mod.in"
    printf '%s\n' "${gomod}" >"${dir}/go.mod"
    rm -f "${dir}/go.sum" "${dir}/.tidy-ok"
  fi
  printf '%s\n' "${tools}" >"${dir}/tools.go"
  if [[ ! -f "${dir}/.tidy-ok" ]] || [[ "$(cat "${dir}/.tidy-ok")" != "${tools}" ]]; then
    echo "k8s-toolchain: resolving dependencies of ${dir##*/} (go mod tidy)..." >&2
    local out
    if ! out="$(cd "${dir}" && "${GO}" mod tidy 2>&1)"; then
      local mods
      mods="$(grep -oE '[a-zA-Z0-9._~/-]+@v[0-9][^: ]*' <<<"${out}" | sort -u | sed 's/^/  /' || true)"
      die "go mod tidy failed in ${dir}${mods:+$'\n'modules named in the error:$'\n'${mods}}"$'\n'"${out}"
    fi
    printf '%s\n' "${tools}" >"${dir}/.tidy-ok"
  fi
}

tools_go() { # tools_go <package>...
  printf '//go:build tools\n\n// Generated by e2e/toolchain/k8s-toolchain.sh: pins the main packages to build.\npackage tools\n\nimport (\n'
  local p
  for p in "$@"; do printf '\t_ "%s"\n' "${p}"; done
  printf ')\n'
}

prepare_kubernetes() {
  local info gomod_file
  info="$(download_modules "k8s.io/kubernetes@${KUBERNETES_VERSION}")"
  gomod_file="$(json_field GoMod "${info}")"
  K8S_TIME="$(grep -oE '"Time": ?"[^"]+"' "$(json_field Info "${info}")" | cut -d'"' -f4 || true)"
  [[ -f "${gomod_file}" ]] || die "no go.mod for k8s.io/kubernetes@${KUBERNETES_VERSION}"

  # Every `k8s.io/<name> => ./staging/src/k8s.io/<name>` replace of kubernetes' own go.mod whose
  # module kubernetes actually requires (at the placeholder v0.0.0). Replaced-but-not-required
  # ones (k8s.io/sample-cli-plugin, k8s.io/sample-controller) are outside the module graph, so
  # they need no replace here; the module proxy does not even serve them for every tag.
  local -a staging
  mapfile -t staging < <(awk '
    $1 == "require" && $3 ~ /^v[0-9]/ { req[$2] = 1; next }
    $2 ~ /^v[0-9]/ { req[$1] = 1; next }
    $2 == "=>" && $3 ~ /^\.\/staging\/src\// { staged[++n] = $1 }
    END { for (i = 1; i <= n; i++) if (staged[i] in req) print staged[i] }
  ' "${gomod_file}")
  [[ ${#staging[@]} -gt 0 ]] || die "found no staging replaces in ${gomod_file}"
  local goline godebug
  goline="$(awk '$1 == "go" { print; exit }' "${gomod_file}")"
  godebug="$(awk '$1 == "godebug" { print; exit }' "${gomod_file}")"

  # Check up front that the proxy serves every staging module at the matching version.
  local -a args=()
  local m
  for m in "${staging[@]}"; do args+=("${m}@${STAGING_VERSION}"); done
  download_modules "${args[@]}" >/dev/null

  local gomod
  gomod="$(
    echo "// Generated by e2e/toolchain/k8s-toolchain.sh: builds k8s.io/kubernetes ${KUBERNETES_VERSION} commands."
    echo "module alphintra.local/k8s-toolchain/kubernetes"
    echo
    echo "${goline}"
    [[ -z "${godebug}" ]] || echo "${godebug}"
    echo
    echo "require k8s.io/kubernetes ${KUBERNETES_VERSION}"
    echo
    echo "replace ("
    for m in "${staging[@]}"; do printf '\t%s => %s %s\n' "${m}" "${m}" "${STAGING_VERSION}"; done
    echo ")"
  )"
  write_wrapper "${SRC_DIR}/kubernetes" "${gomod}" "$(tools_go \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl \
    k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy)"
}

prepare_etcd() {
  local info gomod_file
  info="$(download_modules "go.etcd.io/etcd/server/v3@${ETCD_VERSION}")"
  gomod_file="$(json_field GoMod "${info}")"
  local goline
  goline="$(awk '$1 == "go" { print; exit }' "${gomod_file}")"
  # etcd's server go.mod replaces its sibling modules (api, client/pkg, client/v3, pkg) with
  # ../ paths; they are published at the same tag, so pin them to it.
  local -a siblings
  mapfile -t siblings < <(awk '$2 == "=>" && $3 ~ /^\.\.\// { print $1 } $1 == "replace" && $3 == "=>" && $4 ~ /^\.\.\// { print $2 }' "${gomod_file}")
  local -a args=()
  local m
  for m in "${siblings[@]}"; do args+=("${m}@${ETCD_VERSION}"); done
  [[ ${#args[@]} -eq 0 ]] || download_modules "${args[@]}" >/dev/null
  local gomod
  gomod="$(
    echo "// Generated by e2e/toolchain/k8s-toolchain.sh: builds etcd ${ETCD_VERSION}."
    echo "module alphintra.local/k8s-toolchain/etcd"
    echo
    echo "${goline}"
    echo
    echo "require go.etcd.io/etcd/server/v3 ${ETCD_VERSION}"
    if [[ ${#siblings[@]} -gt 0 ]]; then
      echo
      echo "replace ("
      for m in "${siblings[@]}"; do printf '\t%s => %s %s\n' "${m}" "${m}" "${ETCD_VERSION}"; done
      echo ")"
    fi
  )"
  write_wrapper "${SRC_DIR}/etcd" "${gomod}" "$(tools_go go.etcd.io/etcd/server/v3)"
}

prepare_kwok() {
  local info gomod_file
  info="$(download_modules "sigs.k8s.io/kwok@${KWOK_VERSION}")"
  gomod_file="$(json_field GoMod "${info}")"
  local goline
  goline="$(awk '$1 == "go" { print; exit }' "${gomod_file}")"
  local gomod
  gomod="$(
    echo "// Generated by e2e/toolchain/k8s-toolchain.sh: builds kwok ${KWOK_VERSION}."
    echo "module alphintra.local/k8s-toolchain/kwok"
    echo
    echo "${goline}"
    echo
    echo "require sigs.k8s.io/kwok ${KWOK_VERSION}"
  )"
  write_wrapper "${SRC_DIR}/kwok" "${gomod}" "$(tools_go sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl)"
}

prepare_helm() {
  local info gomod_file
  info="$(download_modules "helm.sh/helm/v3@${HELM_VERSION}")"
  gomod_file="$(json_field GoMod "${info}")"
  local goline
  goline="$(awk '$1 == "go" { print; exit }' "${gomod_file}")"
  # helm's Makefile stamps the Kubernetes version its client-go is (v0.Y.Z -> 1.Y) as the default
  # of `helm template` / `helm lint` Capabilities.KubeVersion.
  HELM_K8S_MINOR="$(awk '$1 == "k8s.io/client-go" { split($2, v, "."); print v[2]; exit }' "${gomod_file}")"
  [[ -n "${HELM_K8S_MINOR}" ]] || die "no k8s.io/client-go requirement in ${gomod_file}"
  local gomod
  gomod="$(
    echo "// Generated by e2e/toolchain/k8s-toolchain.sh: builds helm ${HELM_VERSION}."
    echo "module alphintra.local/k8s-toolchain/helm"
    echo
    echo "${goline}"
    echo
    echo "require helm.sh/helm/v3 ${HELM_VERSION}"
  )"
  write_wrapper "${SRC_DIR}/helm" "${gomod}" "$(tools_go helm.sh/helm/v3/cmd/helm)"
}

# A wrapper module that only requires <module>@<version> (none of the add-ons has replace
# directives). Sets <GROUP>_TIME to the tag's time from the proxy, for reproducible build dates.
prepare_single_module() { # prepare_single_module <group> <module> <version> <package>...
  local group="$1" module="$2" version="$3"
  shift 3
  local info gomod_file goline
  info="$(download_modules "${module}@${version}")"
  gomod_file="$(json_field GoMod "${info}")"
  goline="$(awk '$1 == "go" { print; exit }' "${gomod_file}")"
  printf -v "${group^^}_TIME" '%s' "$(grep -oE '"Time": ?"[^"]+"' "$(json_field Info "${info}")" | cut -d'"' -f4 || true)"
  local gomod
  gomod="$(
    echo "// Generated by e2e/toolchain/k8s-toolchain.sh: builds ${module} ${version}."
    echo "module alphintra.local/k8s-toolchain/${group}"
    echo
    echo "${goline}"
    echo
    echo "require ${module} ${version}"
  )"
  write_wrapper "${SRC_DIR}/${group}" "${gomod}" "$(tools_go "$@")"
}

prepare_coredns() {
  prepare_single_module coredns github.com/coredns/coredns "${COREDNS_VERSION}" github.com/coredns/coredns
}

prepare_metrics_server() {
  prepare_single_module metrics_server sigs.k8s.io/metrics-server "${METRICS_SERVER_VERSION}" \
    sigs.k8s.io/metrics-server/cmd/metrics-server
}

prepare_kube_router() {
  prepare_single_module kube_router github.com/cloudnativelabs/kube-router/v2 "${KUBE_ROUTER_VERSION}" \
    github.com/cloudnativelabs/kube-router/v2/cmd/kube-router
}

ldflags_for() {
  local group="$1" flags="-s -w"
  case "${group}" in
    kubernetes)
      # Same variables as kubernetes' hack/lib/version.sh. gitCommit is set empty (instead of
      # the "$Format:%H$" placeholder): the Go module proxy does not say which commit the tag
      # points at, and we do not invent one. buildDate is the tag's commit time from the proxy
      # (reproducible, like SOURCE_DATE_EPOCH).
      local build_date="${K8S_TIME:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"
      local pkgv kv
      for pkgv in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
        for kv in "gitVersion=${KUBERNETES_VERSION}" "gitMajor=${K8S_MAJOR}" "gitMinor=${K8S_MINOR}" \
          "gitCommit=" "gitTreeState=clean" "buildDate=${build_date}"; do
          flags+=" -X ${pkgv}.${kv}"
        done
      done
      ;;
    etcd)
      # go.etcd.io/etcd/api/v3/version.Version is a constant of the tag; nothing to stamp.
      ;;
    kwok)
      # As kwok's hack/releases.sh does for `make build`.
      flags+=" -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}"
      flags+=" -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${KUBERNETES_VERSION}"
      flags+=" -X sigs.k8s.io/kwok/pkg/consts.PreRelease=GA"
      ;;
    helm)
      # As helm's Makefile does; gitCommit stays empty for the same reason as kubernetes'.
      flags+=" -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}"
      flags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
      local pkg
      for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
        flags+=" -X ${pkg}.k8sVersionMajor=1 -X ${pkg}.k8sVersionMinor=${HELM_K8S_MINOR}"
      done
      ;;
    coredns)
      # coremain.CoreVersion is a constant of the tag; GitCommit stays empty (see kubernetes).
      ;;
    metrics_server)
      # As metrics-server's Makefile does (its --version prints client-go's gitVersion).
      local kv
      for kv in "gitVersion=${METRICS_SERVER_VERSION}" "gitCommit=" "gitTreeState=clean" \
        "buildDate=${METRICS_SERVER_TIME:-}"; do
        flags+=" -X k8s.io/client-go/pkg/version.${kv}"
      done
      ;;
    kube_router)
      # As kube-router's Makefile does, with the tag instead of the commit it names.
      flags+=" -X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=${KUBE_ROUTER_VERSION}"
      flags+=" -X github.com/cloudnativelabs/kube-router/v2/pkg/version.BuildDate=${KUBE_ROUTER_TIME:-}"
      ;;
  esac
  printf '%s' "${flags}"
}

build_binary() {
  local name="$1" group="$2" pkg="$3" expect="$4"
  local out="${BIN_DIR}/.${name}.tmp.$$" log
  echo "k8s-toolchain: building ${name} from ${pkg} ..." >&2
  if ! log="$(cd "${SRC_DIR}/${group}" && "${GO}" build -p 2 -trimpath \
    -ldflags "$(ldflags_for "${group}")" -o "${out}" "${pkg}" 2>&1)"; then
    rm -f "${out}"
    local mods
    mods="$(grep -oE '[a-zA-Z0-9._~/-]+@v[0-9][^: ]*' <<<"${log}" | sort -u | sed 's/^/  /' || true)"
    die "go build ${pkg} failed${mods:+$'\n'modules named in the error:$'\n'${mods}}"$'\n'"${log}"
  fi
  local got
  got="$(version_output "${name}" "${out}" || true)"
  if ! grep -qF -- "${expect}" <<<"${got}"; then
    rm -f "${out}"
    die "${name} built but its version report does not contain '${expect}':"$'\n'"${got}"
  fi
  mv -f "${out}" "${BIN_DIR}/${name}"
  recipe_of "${group}" "${pkg}" >"${BIN_DIR}/.${name}.recipe"
}

# fabric8 kube-api-test 7.5.2 (io.fabric8.kubeapitest.binary.BinaryManager) looks for
# <kubeAPITestDir>/k8s/<version>-<os>-<arch>/{etcd,kube-apiserver,kubectl}, kubeAPITestDir
# being $KUBE_API_TEST_DIR or ~/.kubeapitest, version without a leading v. If that directory
# exists it never downloads.
link_kube_api_test() {
  local b
  if [[ "${1:-}" == --check ]]; then
    for b in etcd kube-apiserver kubectl; do
      if [[ ! -x "${KAT_DIR}/${b}" ]]; then
        echo "kube-api-test layout missing: ${KAT_DIR}/${b}" >&3
        return 1
      fi
    done
    return 0
  fi
  mkdir -p "${KAT_DIR}"
  for b in etcd kube-apiserver kubectl; do
    ln -sfn "${BIN_DIR}/${b}" "${KAT_DIR}/${b}"
  done
}

main "$@"
exit $?
