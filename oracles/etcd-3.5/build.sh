#!/usr/bin/env bash
# etcd 3.5 oracles: etcd, etcdctl, etcdutl v3.5.35 and the tools/ of go.etcd.io/etcd/v3 at v3.5.11 (the newest
# 3.5 tag of the root module the proxy serves). go.mod's minimum-version selection builds those tools against
# the 3.5.35 server/api modules, so they decode what that server writes.
# Each is also linked as <tool>-3.5, the name tests and fixture scripts use.
source ../build-lib.sh
build_etcd 3.5.35 3.5.11 3.5
