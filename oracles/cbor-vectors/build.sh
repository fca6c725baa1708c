#!/usr/bin/env bash
# cbor-vectors: our Go program that runs apimachinery's CBOR serializer (k8s.io/apimachinery
# v0.36.3, the kube-apiserver 1.36.3 one) over the k8s-api testdata; test/k8s/cbor.test.ts runs it.
set -euo pipefail
out="$ORACLES_BIN/cbor-vectors-v0.36.3"
[ -x "$out" ] && exit 0
go build -o "$out.tmp" . && mv "$out.tmp" "$out"
