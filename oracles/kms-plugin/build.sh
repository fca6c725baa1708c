#!/usr/bin/env bash
# Builds our KMS v2 test plugin (main.go, on k8s.io/kms) into $ORACLES_BIN/kms-plugin-fixture-<kms version>.
set -euo pipefail
: "${ORACLES_BIN:?run through scripts/oracles.sh}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
out="$ORACLES_BIN/kms-plugin-fixture-0.36.3"
if [ -x "$out" ]; then echo "kms-plugin: exists" >&2; exit 0; fi
go build -trimpath -o "$out.tmp" . && mv "$out.tmp" "$out"
