#!/usr/bin/env bash
# enc-vectors: kube-apiserver's encryption-at-rest transformers (k8s.io/apiserver v0.36.3) as a vector generator.
set -euo pipefail
out="$ORACLES_BIN/enc-vectors-0.36.3"
[ -x "$out" ] && exit 0
go build -o "$out" .
