#!/usr/bin/env bash
# etcd 3.6 oracles: etcd, etcdctl, etcdutl v3.6.16 and the tools/ of go.etcd.io/etcd/v3 at v3.6.8 (the newest
# 3.6 tag of the root module the proxy serves). go.mod's minimum-version selection builds those tools against
# the 3.6.16 server/api modules, so they decode what that server writes.
# Each is also linked as <tool>-3.6, the name tests and fixture scripts use.
source ../build-lib.sh
build_etcd 3.6.16 3.6.8 3.6
