#!/usr/bin/env bash
# Builds (once) and caches the base image of every Alphintra image: a Debian minbase root file
# system (debootstrap), a Java runtime made with jlink from the installed JDK, and a `nonroot`
# user and group 65532. Written by lib/docker-archive.sh as a `docker save`-style tar (manifest.json,
# repositories, config, one layer),
# which Jib reads as `tar://<path>` and `docker load` / `ctr images import` accept.
#
# Usage:
#   base-image.sh                 ensure the image is built; prints one status line
#   base-image.sh --print-path    ensure it is built, then print only the tar's path on stdout
#   base-image.sh --check         exit 0 only if the image for the current inputs is cached
#   base-image.sh --update-lock   build, and rewrite base-image.lock with what the mirror served
#
# Environment:
#   ALPHINTRA_IMAGE_CACHE  cache root (default: $HOME/.cache/alphintra/images); the image is
#                          $ALPHINTRA_IMAGE_CACHE/base-<key>.tar, `base.tar` links the newest
#   JAVA_HOME              the JDK (>= 21) whose jlink makes the runtime (default: the first of
#                          /usr/lib/jvm/temurin-25-jdk-amd64 and `java` on PATH)
#
# Pinning: base-image.lock (next to this script) names the suite, the mirror and every package
# with its version. debootstrap takes what the mirror serves; the build fails when that differs
# from the lock (run --update-lock after a Debian point release and commit the new lock).
#
# Cache key: sha256 of this script, lib/docker-archive.sh, the lock, the JDK's `release` file and
# the jlink module list. The same inputs give the same key and, since every mtime is SOURCE_DATE_EPOCH and tar
# entries are sorted with numeric owners, the same bytes.

# The modules a Spring Boot 4 / JOSDK / fabric8 application needs (checked by starting every
# image; see README "Images"):
#   java.base, java.logging, java.xml, java.naming, java.sql, java.management, java.instrument,
#   java.desktop (java.beans, used by Spring), java.net.http (fabric8's JDK HTTP client),
#   java.security.jgss + java.security.sasl (JDBC/LDAP-style auth paths), java.transaction.xa,
#   java.scripting, java.compiler (annotation model used by some libraries at runtime),
#   jdk.unsupported (sun.misc.Unsafe: Netty, Jackson afterburner-style code), jdk.httpserver
#   (Prometheus simpleclient_httpserver in the operator), jdk.management + jdk.management.jfr +
#   jdk.jfr (Micrometer/JVM metrics, diagnostics), jdk.crypto.ec, jdk.charsets, jdk.naming.dns,
#   jdk.net, jdk.zipfs, jdk.jcmd (jcmd/jstack in a debugging `kubectl exec`).
JLINK_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.ec,jdk.httpserver,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

NONROOT_ID=65532
JAVA_DIR=/opt/java

main() {
  set -euo pipefail
  SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  LOCK_FILE="${SCRIPT_DIR}/base-image.lock"
  # shellcheck source=lib/docker-archive.sh
  source "${SCRIPT_DIR}/lib/docker-archive.sh"

  local mode=ensure
  case "${1:-}" in
    "") ;;
    --print-path) mode=print ;;
    --check) mode=check ;;
    --update-lock) mode=update-lock ;;
    -h | --help)
      awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
      return 0
      ;;
    *)
      echo "base-image: unknown argument: $1 (use --print-path, --check, --update-lock or nothing)" >&2
      return 2
      ;;
  esac
  if [[ "${mode}" == print ]]; then exec 3>&2; else exec 3>&1; fi

  [[ -f "${LOCK_FILE}" ]] || die "missing ${LOCK_FILE}"
  SUITE="$(lock_field suite)"
  MIRROR="$(lock_field mirror)"
  SOURCE_DATE_EPOCH="$(lock_field source-date-epoch)"
  export SOURCE_DATE_EPOCH
  find_jdk

  CACHE="${ALPHINTRA_IMAGE_CACHE:-${HOME}/.cache/alphintra/images}"
  KEY="$(cache_key)"
  IMAGE="${CACHE}/base-${KEY}.tar"
  TAG="alphintra/base-jre:${KEY}"

  local start
  start="$(date +%s.%N)"
  if [[ "${mode}" != update-lock && -s "${IMAGE}" ]]; then
    [[ "${mode}" == check ]] || ln -sfn "${IMAGE##*/}" "${CACHE}/base.tar"
    status "cached ($(elapsed "${start}")s)"
  elif [[ "${mode}" == check ]]; then
    status "not cached (no ${IMAGE##*/} for the current inputs)"
    return 1
  else
    mkdir -p "${CACHE}"
    exec 9>"${CACHE}/.base.lock"
    if ! flock -n 9; then
      echo "base-image: waiting for another build in ${CACHE} to finish..." >&2
      flock 9
    fi
    if [[ "${mode}" == update-lock || ! -s "${IMAGE}" ]]; then
      # What the build's tools print (jlink's "Created CDS archive successfully" among them) goes
      # where the status lines go: with --print-path, stdout carries only the image's path.
      build "${mode}" >&3
      # Images of older inputs are never used again (the key names the inputs): keep only this one.
      find "${CACHE}" -maxdepth 1 -name 'base-*.tar' ! -name "${IMAGE##*/}" -delete
    fi
    ln -sfn "${IMAGE##*/}" "${CACHE}/base.tar"
    status "built ($(elapsed "${start}")s, $(du -m "${IMAGE}" | cut -f1) MB)"
  fi
  [[ "${mode}" != print ]] || printf '%s\n' "${IMAGE}"
}

die() {
  echo "base-image: ERROR: $*" >&2
  exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
status() { printf 'base-image %s: %s\n' "${TAG}" "$1" >&3; }
lock_field() { awk -v k="$1:" '$1 == k { print $2; exit }' "${LOCK_FILE}"; }
# The lock's package lines: "<package> <version>", sorted.
lock_packages() { awk '$1 == "package:" { print $2, $3 }' "${LOCK_FILE}"; }

find_jdk() {
  local home="${JAVA_HOME:-}"
  if [[ -z "${home}" || ! -x "${home}/bin/jlink" ]]; then
    if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink ]]; then
      home=/usr/lib/jvm/temurin-25-jdk-amd64
    elif command -v jlink >/dev/null; then
      home="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
    fi
  fi
  [[ -n "${home}" && -x "${home}/bin/jlink" ]] || die "no JDK with jlink found (set JAVA_HOME to a JDK >= 21)"
  local feature
  feature="$(awk -F'"' '/^JAVA_VERSION=/ { split($2, v, "."); print v[1] }' "${home}/release")"
  [[ "${feature}" =~ ^[0-9]+$ && "${feature}" -ge 21 ]] ||
    die "${home} is Java ${feature:-unknown}; jlink needs a JDK >= 21 (set JAVA_HOME)"
  JDK_HOME="${home}"
}

cache_key() {
  {
    sha256sum <"${BASH_SOURCE[0]}"
    sha256sum <"${SCRIPT_DIR}/lib/docker-archive.sh"
    sha256sum <"${LOCK_FILE}"
    sha256sum <"${JDK_HOME}/release"
    echo "${JLINK_MODULES}"
  } | sha256sum | cut -c1-16
}

build() {
  local mode="$1"
  command -v debootstrap >/dev/null || install_debootstrap
  [[ "$(id -u)" == 0 ]] || die "debootstrap needs root (run as root, or use a cached image)"

  WORK="$(mktemp -d "${CACHE}/.build.XXXXXX")"
  trap cleanup EXIT
  local root="${WORK}/rootfs" t

  t="$(date +%s.%N)"
  echo "base-image: debootstrap --variant=minbase ${SUITE} from ${MIRROR} ..." >&2
  if ! debootstrap --variant=minbase --arch=amd64 \
    "${SUITE}" "${root}" "${MIRROR}" >"${WORK}/debootstrap.log" 2>&1; then
    tail -n 30 "${WORK}/debootstrap.log" >&2
    die "debootstrap failed (full log: ${WORK}/debootstrap.log)"
  fi
  echo "base-image: debootstrap took $(elapsed "${t}")s" >&2
  check_lock "${root}" "${mode}"

  t="$(date +%s.%N)"
  "${JDK_HOME}/bin/jlink" --add-modules "${JLINK_MODULES}" --output "${root}${JAVA_DIR}" \
    --strip-debug --no-header-files --no-man-pages --dedup-legal-notices=error-if-not-same-content \
    --generate-cds-archive
  # The archive for -XX:-UseCompressedOops (heaps over 32 GB, never a pod here): 14 MB saved.
  rm -f "${root}${JAVA_DIR}/lib/server/classes_nocoops.jsa"
  echo "base-image: jlink took $(elapsed "${t}")s ($(du -sm "${root}${JAVA_DIR}" | cut -f1) MB)" >&2

  add_nonroot "${root}"
  slim "${root}"
  write_image "${root}"
}

install_debootstrap() {
  echo "base-image: installing debootstrap from Debian (apt-get) ..." >&2
  [[ "$(id -u)" == 0 ]] || die "debootstrap is missing; install it (apt-get install debootstrap)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2 ||
    { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2; } ||
    die "could not install debootstrap with apt-get"
}

cleanup() {
  local m
  # debootstrap mounts proc/sys in the target; a failed run can leave them behind.
  for m in $(awk -v w="${WORK}/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "${m}" || true
  done
  rm -rf "${WORK}"
}

check_lock() {
  local root="$1" mode="$2" got
  got="$(chroot "${root}" dpkg-query -W -f '${Package} ${Version}\n' | LC_ALL=C sort)"
  if [[ "${mode}" == update-lock ]]; then
    {
      grep -v '^package:' "${LOCK_FILE}"
      sed 's/^/package: /' <<<"${got}"
    } >"${LOCK_FILE}.tmp"
    mv "${LOCK_FILE}.tmp" "${LOCK_FILE}"
    echo "base-image: rewrote ${LOCK_FILE} ($(wc -l <<<"${got}") packages); commit it" >&2
    KEY="$(cache_key)"
    IMAGE="${CACHE}/base-${KEY}.tar"
    TAG="alphintra/base-jre:${KEY}"
  elif [[ "${got}" != "$(lock_packages | LC_ALL=C sort)" ]]; then
    die "the mirror ${MIRROR} served other packages than ${LOCK_FILE} pins (a Debian point release?):
$(diff <(lock_packages | LC_ALL=C sort) - <<<"${got}" | grep '^[<>]' | head -20)
Run e2e/toolchain/base-image.sh --update-lock and commit the lock."
  fi
}

add_nonroot() {
  local root="$1"
  echo "nonroot:x:${NONROOT_ID}:${NONROOT_ID}:nonroot:/home/nonroot:/usr/sbin/nologin" >>"${root}/etc/passwd"
  echo "nonroot:x:${NONROOT_ID}:" >>"${root}/etc/group"
  echo "nonroot:!*:0::::::" >>"${root}/etc/shadow"
  echo "nonroot:!::" >>"${root}/etc/gshadow"
  mkdir -p "${root}/home/nonroot"
  chown "${NONROOT_ID}:${NONROOT_ID}" "${root}/home/nonroot"
  chmod 0750 "${root}/home/nonroot"
}

# Drops what a container never uses and everything that records when or where it was built.
slim() {
  local root="$1"
  rm -rf "${root}"/var/cache/apt/* "${root}"/var/lib/apt/lists/* "${root}"/var/log/* \
    "${root}"/var/cache/debconf/*-old "${root}"/var/lib/dpkg/*-old "${root}"/var/cache/ldconfig/aux-cache \
    "${root}"/usr/share/doc/* "${root}"/usr/share/man/* "${root}"/usr/share/info/* \
    "${root}"/usr/share/locale/* "${root}"/usr/share/lintian "${root}"/dev/* "${root}"/tmp/* \
    "${root}"/run/* "${root}"/etc/hostname "${root}"/etc/resolv.conf
  : >"${root}/etc/machine-id"
  # The days-since-epoch "last password change" of every account, written at debootstrap time.
  sed -i -E 's/^([^:]*:[^:]*:)[0-9]+:/\10:/' "${root}/etc/shadow"
  chmod 1777 "${root}/tmp"
}

write_image() {
  local root="$1"
  tar_reproducibly "${root}" "${WORK}/layer.tar"
  local java_version config
  java_version="$(awk -F'"' '/^JAVA_RUNTIME_VERSION=/ { print $2 }' "${JDK_HOME}/release")"
  config="$(printf '{"User":"%s:%s","Env":["PATH=%s/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=%s","LANG=C.UTF-8"],"WorkingDir":"/","Labels":{"io.alphintra.base.debian":"%s %s","io.alphintra.base.java":"%s","io.alphintra.base.key":"%s"}}' \
    "${NONROOT_ID}" "${NONROOT_ID}" "${JAVA_DIR}" "${JAVA_DIR}" "${SUITE}" "$(lock_field point-release)" \
    "${java_version}" "${KEY}")"
  docker_archive "${IMAGE}" "${TAG}" "${config}" \
    "e2e/toolchain/base-image.sh (debootstrap minbase + jlink + nonroot ${NONROOT_ID})" "${WORK}/layer.tar" >/dev/null
}

main "$@"
exit $?
