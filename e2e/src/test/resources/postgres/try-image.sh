#!/usr/bin/env bash
# Runs the postgres image the way a kubelet would, without a node: its layers unpacked in order into
# a root file system, the entrypoint started as uid/gid 70 in a private mount namespace (chroot,
# fresh /proc, /dev, /tmp and socket directory, the data directory bound in), with the operator's
# environment. Then it checks, with the image's own tools, and prints one key=value line per check:
#   ready            pg_isready (the operator's readiness probe) accepts
#   login            current_user/current_database over TCP with the password
#   wrong_password   refused | accepted
#   initialized      how often the entrypoint ran initdb over two starts (must be 1)
# Usage: try-image.sh <image.tar> <work dir> <port>    (root: it mounts and changes users)
set -euo pipefail
image="$1" work="$2" port="$3"
root="${work}/rootfs" data="${work}/data"
mkdir -p "${root}" "${data}" "${work}/unpack"
chown 70:70 "${data}"
tar -xf "${image}" -C "${work}/unpack" manifest.json
for layer in $(sed -E 's/.*"Layers":\[([^]]*)\].*/\1/; s/[",]/ /g' "${work}/unpack/manifest.json"); do
  tar -xf "${image}" -C "${work}/unpack" "${layer}"
  tar -xf "${work}/unpack/${layer}" -C "${root}"
done
rm -rf "${work}/unpack"

password='pw "with" $pecial'
run_server() { # <log>
  unshare -m --propagation private bash -c '
    root="$1" data="$2"
    mount -t proc proc "${root}/proc"
    mount -t tmpfs tmpfs "${root}/dev"
    mknod -m 666 "${root}/dev/null" c 1 3; mknod -m 666 "${root}/dev/urandom" c 1 9
    mkdir -m 1777 "${root}/dev/shm"
    mount -t tmpfs tmpfs "${root}/tmp"; chmod 1777 "${root}/tmp"
    mount -t tmpfs -o uid=70,gid=70 tmpfs "${root}/var/run/postgresql"
    mount --bind "${data}" "${root}/var/lib/postgresql/data"
    exec chroot --userspec=70:70 "${root}" /usr/bin/env -i \
      PATH=/usr/lib/postgresql/15/bin:/usr/bin:/bin PGPORT="$3" POSTGRES_USER=alphintra \
      POSTGRES_PASSWORD="$4" POSTGRES_DB=alphintra PGDATA=/var/lib/postgresql/data/pgdata \
      /usr/local/bin/postgres-entrypoint' _ "${root}" "${data}" "${port}" "${password}" >"$1" 2>&1 &
}
in_image() { chroot --userspec=70:70 "${root}" /usr/bin/env -i PATH=/usr/lib/postgresql/15/bin:/usr/bin:/bin "$@"; }
await_ready() {
  for _ in $(seq 1 120); do
    if in_image pg_isready -U alphintra -d alphintra -h 127.0.0.1 -p "${port}" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}
stop_server() { # fast shutdown of this data directory's server, then wait until it is gone
  local pid
  pid="$(head -1 "${data}/pgdata/postmaster.pid")"
  kill -INT "${pid}"
  for _ in $(seq 1 120); do
    kill -0 "${pid}" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL "${pid}" || true
}

run_server "${work}/first.log"
if await_ready; then echo "ready=yes"; else echo "ready=no"; cat "${work}/first.log" >&2; exit 1; fi
echo "login=$(in_image PGPASSWORD="${password}" psql -h 127.0.0.1 -p "${port}" -U alphintra -d alphintra -Atc 'select current_user || chr(47) || current_database()')"
if in_image PGPASSWORD=wrong psql -h 127.0.0.1 -p "${port}" -U alphintra -d alphintra -Atc 'select 1' >/dev/null 2>&1; then
  echo "wrong_password=accepted"
else
  echo "wrong_password=refused"
fi
stop_server
run_server "${work}/second.log"
await_ready || { cat "${work}/second.log" >&2; exit 1; }
stop_server
echo "initialized=$(cat "${work}/first.log" "${work}/second.log" | grep -c 'postgres-entrypoint: initialized')"
