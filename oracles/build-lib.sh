# Sourced by oracles/<component>/build.sh (run from that folder by scripts/oracles.sh, with ORACLES_BIN set).
# build_tool PACKAGE NAME [ALIAS]: `go build` PACKAGE — a main package named by a `tool` line of this folder's go.mod,
# resolved from the published modules at the versions its go.mod/go.sum pin — to $ORACLES_BIN/NAME,
# unless NAME is already there, and points the symlink ALIAS (e.g. etcd-3.6) at it. Builds into a temp name first, so an interrupted build leaves nothing half-written.
set -euo pipefail
: "${ORACLES_BIN:?run through scripts/oracles.sh}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
build_tool() {
  local pkg=$1 name=$2 alias=${3:-} out="$ORACLES_BIN/$2"
  if [ -x "$out" ]; then
    echo "oracles: $name already built" >&2
  else
    echo "oracles: building $name from $pkg" >&2
    go build -trimpath -o "$out.tmp.$$" "$pkg"
    mv "$out.tmp.$$" "$out"
  fi
  if [ -n "$alias" ]; then ln -sfn "$name" "$ORACLES_BIN/$alias"; fi
}
# build_etcd VERSION TOOLS_VERSION MINOR: etcd, etcdctl, etcdutl at VERSION and etcd-dump-db/-logs of the root
# module at TOOLS_VERSION, each linked as <tool>-MINOR.
build_etcd() {
  local v=$1 tools=$2 minor=$3 t
  for t in server:etcd etcdctl:etcdctl etcdutl:etcdutl; do
    build_tool "go.etcd.io/etcd/${t%%:*}/v3" "${t#*:}-$v" "${t#*:}-$minor"
  done
  for t in etcd-dump-db etcd-dump-logs; do build_tool "go.etcd.io/etcd/v3/tools/$t" "$t-$tools" "$t-$minor"; done
}
