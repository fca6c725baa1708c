#!/usr/bin/env bash
# Builds kube-apiserver and kubectl of k8s.io/kubernetes (pinned in go.mod) into $ORACLES_BIN as
# kube-apiserver-<v> / kubectl-<v>, skipping a binary that exists. Run through scripts/oracles.sh.
set -euo pipefail
v=1.36.3
: "${ORACLES_BIN:?run through scripts/oracles.sh}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
# the version stamps kubernetes' own build (hack/lib/version.sh) sets; without them both report v0.0.0
ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=v$v -X $p.gitMajor=${v%%.*} -X $p.gitMinor=$(echo $v | cut -d. -f2) -X $p.gitTreeState=clean"
done
for cmd in kube-apiserver kubectl; do
  out="$ORACLES_BIN/$cmd-$v"
  if [ -x "$out" ]; then echo "kube: $cmd-$v exists" >&2; continue; fi
  go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "k8s.io/kubernetes/cmd/$cmd"
  mv "$out.tmp" "$out"
done
