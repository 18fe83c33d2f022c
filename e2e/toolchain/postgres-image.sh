#!/usr/bin/env bash
# Builds (once) and caches the managed database's image for the real node: PostgreSQL 15 from
# Debian bookworm's packages (postgres-image.lock) on top of the base image's Debian root file
# system, with postgres/entrypoint.sh, which honours the community image's POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB and PGDATA, and the user postgres with uid/gid 70 (the id the
# operator's StatefulSet runs it as). No registry is reachable, so the operator's default
# (postgres:16.4-alpine) cannot be pulled on the real node; tests point ALPHINTRA_POSTGRES_IMAGE at
# this one.
#
# Usage:
#   postgres-image.sh                 ensure the image is built; prints one status line
#   postgres-image.sh --print-path    ensure it is built, then print only the tar's path on stdout
#   postgres-image.sh --print-image   print only the image reference (alphintra.local/postgres:<v>)
#   postgres-image.sh --check         exit 0 only if the image for the current inputs is cached
#
# Layers: the base image's own layer, byte for byte (so a node that has any service image stores
# it once), and one layer with the unpacked packages, the accounts and the entrypoint. Written by
# lib/docker-archive.sh, reproducibly: the same base, lock and scripts give the same bytes.
#
# Environment:
#   ALPHINTRA_IMAGE_CACHE  cache root (default: $HOME/.cache/alphintra/images); the image is
#                          $ALPHINTRA_IMAGE_CACHE/postgres-<version>.tar
#   ALPHINTRA_BASE_IMAGE   the base image archive to build on (default: what base-image.sh builds)

POSTGRES_ID=70
PG_BIN=/usr/lib/postgresql/15/bin
IMAGE_PATH=${PG_BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

main() {
  set -euo pipefail
  SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  LOCK_FILE="${SCRIPT_DIR}/postgres-image.lock"
  # shellcheck source=lib/docker-archive.sh
  source "${SCRIPT_DIR}/lib/docker-archive.sh"
  SOURCE_DATE_EPOCH="$(awk '$1 == "source-date-epoch:" { print $2; exit }' "${SCRIPT_DIR}/base-image.lock")"
  export SOURCE_DATE_EPOCH
  VERSION="$(awk '$1 == "version:" { print $2; exit }' "${LOCK_FILE}")"
  local mode=ensure
  case "${1:-}" in
    "") ;;
    --print-path) mode=print ;;
    --print-image)
      printf 'alphintra.local/postgres:%s\n' "${VERSION}"
      return 0
      ;;
    --check) mode=check ;;
    -h | --help)
      awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
      return 0
      ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  # Status lines go to stderr when stdout carries the path.
  if [[ "${mode}" == print ]]; then exec 3>&2; else exec 3>&1; fi

  CACHE="${ALPHINTRA_IMAGE_CACHE:-${HOME}/.cache/alphintra/images}"
  local base image="${CACHE}/postgres-${VERSION}.tar" key start
  start="$(date +%s.%N)"
  if [[ -n "${ALPHINTRA_BASE_IMAGE:-}" ]]; then
    base="$(readlink -f "${ALPHINTRA_BASE_IMAGE}")"
    [[ -s "${base}" ]] || die "ALPHINTRA_BASE_IMAGE=${ALPHINTRA_BASE_IMAGE} is not an image archive"
  elif [[ "${mode}" == check ]]; then
    base="$(bash "${SCRIPT_DIR}/base-image.sh" --check >/dev/null 2>&1 && readlink -f "${CACHE}/base.tar")" ||
      { status "not cached (the base image is not built)"; return 1; }
  else
    base="$(bash "${SCRIPT_DIR}/base-image.sh" --print-path)" || die "base-image.sh failed"
  fi
  key="$(image_key "${base}")"
  if is_cached "${image}" "${key}"; then
    status "cached ($(elapsed "${start}")s)"
  elif [[ "${mode}" == check ]]; then
    status "not cached (no ${image##*/} for the current inputs)"
    return 1
  else
    mkdir -p "${CACHE}"
    exec 9>"${CACHE}/.postgres.lock"
    flock 9
    if is_cached "${image}" "${key}"; then
      status "cached ($(elapsed "${start}")s)"
    else
      build_image "${base}" "${image}" "${key}"
      status "built ($(elapsed "${start}")s, $(du -m "${image}" | cut -f1) MB)"
    fi
    exec 9>&-
  fi
  [[ "${mode}" != print ]] || printf '%s\n' "${image}"
}

die() {
  echo "postgres-image: ERROR: $*" >&2
  exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
status() { printf 'image alphintra.local/postgres:%s: %s\n' "${VERSION}" "$1" >&3; }
is_cached() { [[ -s "$1" && "$(cat "$1.key" 2>/dev/null)" == "$2" ]]; }

# Everything the image is made of: the base image, this script, the archive writer, the lock and
# the entrypoint.
image_key() {
  {
    basename "$1"
    sha256sum <"${BASH_SOURCE[0]}"
    sha256sum <"${SCRIPT_DIR}/lib/docker-archive.sh"
    sha256sum <"${LOCK_FILE}"
    sha256sum <"${SCRIPT_DIR}/postgres/entrypoint.sh"
  } | sha256sum | cut -c1-16
}

build_image() {
  local base="$1" image="$2" key="$3" work
  work="$(mktemp -d "${CACHE}/.build-postgres.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: work is local
  trap "rm -rf '${work}'" EXIT
  # The base image's single layer, unchanged.
  local base_layer
  base_layer="$(tar -xOf "${base}" manifest.json | sed -E 's/.*"Layers":\["([^"]+)"\].*/\1/')"
  tar -xf "${base}" -C "${work}" "${base_layer}"
  mv "${work}/${base_layer}" "${work}/base-layer.tar"
  # What this layer changes in files the base layer has: its accounts.
  mkdir -p "${work}/base-etc"
  tar -xf "${work}/base-layer.tar" -C "${work}/base-etc" ./etc/passwd ./etc/group 2>/dev/null ||
    tar -xf "${work}/base-layer.tar" -C "${work}/base-etc" etc/passwd etc/group

  local root="${work}/rootfs"
  mkdir -p "${root}/etc"
  unpack_debs "${work}" "${root}"
  cp "${work}/base-etc/etc/passwd" "${work}/base-etc/etc/group" "${root}/etc/"
  printf 'postgres:x:%s:%s:PostgreSQL:/var/lib/postgresql:/usr/sbin/nologin\n' "${POSTGRES_ID}" "${POSTGRES_ID}" >>"${root}/etc/passwd"
  printf 'postgres:x:%s:\n' "${POSTGRES_ID}" >>"${root}/etc/group"
  install -D -m 0755 "${SCRIPT_DIR}/postgres/entrypoint.sh" "${root}/usr/local/bin/postgres-entrypoint"
  # Mount points of the StatefulSet's volumes; a non-root server writes only there and to /tmp.
  mkdir -p "${root}/var/lib/postgresql/data" "${root}/var/run/postgresql"
  find "${root}" -type d -exec chmod 0755 {} +
  tar_reproducibly "${root}" "${work}/layer.tar" --owner=0 --group=0

  local config
  config="$(printf '{"User":"%s:%s","Env":["PATH=%s","PGDATA=/var/lib/postgresql/data/pgdata"],"Entrypoint":["/usr/local/bin/postgres-entrypoint"],"ExposedPorts":{"5432/tcp":{}},"WorkingDir":"/var/lib/postgresql","Labels":{"org.opencontainers.image.title":"postgres","org.opencontainers.image.version":"%s","io.alphintra.image.key":"%s"}}' \
    "${POSTGRES_ID}" "${POSTGRES_ID}" "${IMAGE_PATH}" "${VERSION}" "${key}")"
  docker_archive "${image}" "alphintra.local/postgres:${VERSION}" "${config}" \
    "e2e/toolchain/postgres-image.sh (Debian postgresql-15 ${VERSION})" \
    "${work}/base-layer.tar" "${work}/layer.tar" >/dev/null
  printf '%s\n' "${key}" >"${image}.key"
  find "${CACHE}" -maxdepth 1 -name "postgres-*.tar*" ! -name "${image##*/}" ! -name "${image##*/}.key" -delete
  rm -rf "${work}"
  trap - EXIT
}

# The pinned packages, unpacked without maintainer scripts; documentation, manuals, locales and the
# LLVM JIT plugin (its libLLVM is not installed; the server runs with jit=off) are left out.
unpack_debs() {
  local work="$1" root="$2" deb
  local -a pins
  mapfile -t pins < <(awk '$1 == "deb:" { print $2 "=" $3 }' "${LOCK_FILE}")
  mkdir -p "${work}/debs"
  command -v apt-get >/dev/null || die "apt-get is needed to fetch the Debian packages of the postgres image"
  if ! (cd "${work}/debs" && apt-get download -qq "${pins[@]}" >"${work}/apt.log" 2>&1) &&
    ! { [[ "$(id -u)" == 0 ]] && apt-get update -qq >>"${work}/apt.log" 2>&1 &&
      (cd "${work}/debs" && apt-get download -qq "${pins[@]}" >>"${work}/apt.log" 2>&1); }; then
    die "apt-get download of the packages pinned in ${LOCK_FILE} failed (run apt-get update; an update may have replaced one: update its line):
$(cat "${work}/apt.log")"
  fi
  for deb in "${work}"/debs/*.deb; do
    dpkg-deb -x "${deb}" "${root}"
  done
  rm -rf "${root}"/usr/share/doc "${root}"/usr/share/man "${root}"/usr/share/info \
    "${root}"/usr/share/locale "${root}"/usr/share/lintian "${root}"/usr/share/bug \
    "${root}"/usr/lib/postgresql/15/lib/llvmjit* "${root}"/usr/lib/postgresql/15/lib/bitcode
  # The base is merged-/usr (/lib, /bin, /sbin link into /usr); a layer with a real /lib directory
  # would hide the base's links, so what packages put there moves under /usr.
  local dir
  for dir in lib lib64 bin sbin; do
    if [[ -d "${root}/${dir}" && ! -L "${root}/${dir}" ]]; then
      mkdir -p "${root}/usr/${dir}"
      cp -a "${root}/${dir}/." "${root}/usr/${dir}/"
      rm -rf "${root:?}/${dir}"
    fi
  done
  local tool
  for tool in postgres initdb pg_isready psql; do
    [[ -x "${root}${PG_BIN}/${tool}" ]] || die "the unpacked packages lack ${PG_BIN}/${tool}"
  done
}

main "$@"
