#!/usr/bin/env bash
# bbolt CLI of 1.3 (v1.3.12, the line etcd 3.5 uses) and 1.4 (v1.4.3, etcd 3.6's), one go.mod per line since
# one module graph holds one version of go.etcd.io/bbolt. Linked as bbolt-1.3 / bbolt-1.4.
source ../build-lib.sh
(cd v1.3 && build_tool go.etcd.io/bbolt/cmd/bbolt bbolt-1.3.12 bbolt-1.3)
(cd v1.4 && build_tool go.etcd.io/bbolt/cmd/bbolt bbolt-1.4.3 bbolt-1.4)
