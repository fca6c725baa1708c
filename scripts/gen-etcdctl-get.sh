#!/usr/bin/env bash
# Regenerates test/fixtures/etcdctl-get/: real `etcdctl get` outputs (Debian's etcd 3.4) of the
# demo's stored values, for `decode` of several key/value pairs. Puts every value of
# fixtures/demo/oracle/get-all.json (protobuf, JSON with its trailing newline, encrypted, plain)
# into a fresh etcd on 127.0.0.1 (free ports, own data dir, stopped by its PID), then saves
#   prefix.txt      etcdctl get --prefix /registry/          (key line, value line, ...)
#   prefix.json     etcdctl get --prefix /registry/ -w json  (base64 keys and values)
#   one.txt         etcdctl get /registry/configmaps/default/app-config
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/etcdctl-get
tmp=$(mktemp -d)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cport=$(port); pport=$(port)
etcd --data-dir "$tmp/data" --listen-client-urls "http://127.0.0.1:$cport" --advertise-client-urls "http://127.0.0.1:$cport" \
  --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
  --initial-cluster "default=http://127.0.0.1:$pport" >"$tmp/etcd.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
export ETCDCTL_API=3
ctl() { etcdctl --endpoints "http://127.0.0.1:$cport" "$@"; }
for i in $(seq 50); do ctl endpoint health >/dev/null 2>&1 && break; sleep 0.2; done
node -e '
const j = JSON.parse(require("fs").readFileSync("fixtures/demo/oracle/get-all.json", "utf8"));
for (const kv of j.kvs) {
  const k = Buffer.from(kv.key, "base64").toString();
  if (!k.startsWith("/registry/")) continue;
  require("fs").writeFileSync(process.argv[1] + "/" + Buffer.from(k).toString("hex"), Buffer.from(kv.value, "base64"));
}' "$tmp"
for f in "$tmp"/2f*; do ctl put "$(echo -n "$(basename "$f")" | xxd -r -p)" <"$f" >/dev/null; done
ctl get --prefix /registry/ >"$out/prefix.txt"
ctl get --prefix /registry/ -w json >"$out/prefix.json"
ctl get /registry/configmaps/default/app-config >"$out/one.txt"
ls -l "$out"
