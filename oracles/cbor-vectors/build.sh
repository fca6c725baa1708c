#!/usr/bin/env bash
# cbor-vectors: our Go program that runs apimachinery's CBOR and protobuf serializers
# (k8s.io/apimachinery v0.36.3, the kube-apiserver 1.36.3 one) over the k8s-api testdata;
# test/k8s/cbor.test.ts runs it. Rebuilt when main.go or go.mod is newer than the binary.
set -euo pipefail
out="$ORACLES_BIN/cbor-vectors-v0.36.3"
if [ -x "$out" ] && [ "$out" -nt main.go ] && [ "$out" -nt go.mod ]; then exit 0; fi
go build -o "$out.tmp" . && mv "$out.tmp" "$out"
