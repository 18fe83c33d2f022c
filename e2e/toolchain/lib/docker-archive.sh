# Writes `docker save`-style image archives reproducibly. Sourced by base-image.sh and addons.sh.
#
# An archive holds manifest.json, repositories, <config sha256>.json and one <diff_id>/layer.tar
# per layer: what `docker load`, `ctr images import` and Jib's `tar://` base read. Every mtime is
# the given epoch, entries are sorted, owners are numeric, and the config is written byte for
# byte, so the same inputs give the same sha256.

# tar_reproducibly <dir> <out.tar> [tar option...]: sorted entries, fixed mtimes (SOURCE_DATE_EPOCH),
# numeric owners; extra options (e.g. --owner=0 --group=0) go to tar.
tar_reproducibly() {
  local dir="$1" out="$2"
  shift 2
  : "${SOURCE_DATE_EPOCH:?tar_reproducibly needs SOURCE_DATE_EPOCH}"
  local -a top
  mapfile -t top < <(cd "${dir}" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort)
  tar --create --file "${out}" --directory "${dir}" --sort=name --format=posix --numeric-owner \
    --mtime="@${SOURCE_DATE_EPOCH}" --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    "$@" "${top[@]}"
}

# docker_archive <out.tar> <repo:tag> <config object JSON> <created_by> <layer.tar>...
# The config object is the image config's "config" member ({"User":..., "Entrypoint":[...], ...}).
# The layer tars are moved into the archive (bottom layer first). Prints the config's sha256.
docker_archive() {
  local out="$1" tag="$2" config_object="$3" created_by="$4"
  shift 4
  [[ $# -gt 0 ]] || { echo "docker_archive: no layers for ${tag}" >&2; return 1; }
  : "${SOURCE_DATE_EPOCH:?docker_archive needs SOURCE_DATE_EPOCH}"
  local work
  work="$(mktemp -d "${out}.parts.XXXXXX")"
  local created layer diff_id diff_ids="" layers="" history=""
  created="$(date -u -d "@${SOURCE_DATE_EPOCH}" +%Y-%m-%dT%H:%M:%SZ)"
  for layer in "$@"; do
    diff_id="$(sha256sum <"${layer}" | cut -d' ' -f1)"
    mkdir -p "${work}/${diff_id}"
    mv "${layer}" "${work}/${diff_id}/layer.tar"
    diff_ids+="${diff_ids:+,}\"sha256:${diff_id}\""
    layers+="${layers:+,}\"${diff_id}/layer.tar\""
    history+="${history:+,}{\"created\":\"${created}\",\"created_by\":\"${created_by}\"}"
  done
  local config config_id
  config="$(printf '{"architecture":"amd64","os":"linux","created":"%s","config":%s,"rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}' \
    "${created}" "${config_object}" "${diff_ids}" "${history}")"
  config_id="$(printf '%s' "${config}" | sha256sum | cut -d' ' -f1)"
  printf '%s' "${config}" >"${work}/${config_id}.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":[%s]}]' \
    "${config_id}" "${tag}" "${layers}" >"${work}/manifest.json"
  # The legacy index `docker load` and `ctr images import` also read: repository -> tag -> top layer.
  printf '{"%s":{"%s":"%s"}}' "${tag%:*}" "${tag##*:}" "${diff_id}" >"${work}/repositories"
  tar_reproducibly "${work}" "${out}.tmp" --owner=0 --group=0
  mv -f "${out}.tmp" "${out}"
  rm -rf "${work}"
  printf '%s\n' "${config_id}"
}
