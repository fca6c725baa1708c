#!/usr/bin/env bash
# Builds the Go oracles (real etcd, etcdctl, etcdutl, etcd-dump-*, bbolt, kube-apiserver, kubectl, our
# small Go vector generators) into .oracles/bin, from published modules through the Go module proxy.
# Go is for oracles and fixtures only: the product never runs it.
#
# Each component is a folder oracles/<name>/ with a go.mod of ours requiring the published modules and a
# build.sh that writes versioned binaries (e.g. etcd-3.6.16) into $ORACLES_BIN and skips what exists.
#   scripts/oracles.sh            build every component
#   scripts/oracles.sh etcd-3.6   build the named components only
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export ORACLES_BIN="${ORACLES_BIN:-$root/.oracles/bin}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
mkdir -p "$ORACLES_BIN"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$root"/oracles/*/; do [ -f "$d/build.sh" ] && names+=("$(basename "$d")"); done
fi
for n in "${names[@]}"; do
  [ -f "$root/oracles/$n/build.sh" ] || { echo "oracles: no component oracles/$n/build.sh" >&2; exit 2; }
  start=$(date +%s)
  (cd "$root/oracles/$n" && bash ./build.sh)
  echo "oracles: $n ready ($(( $(date +%s) - start )) s)" >&2
done
