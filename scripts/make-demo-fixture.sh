#!/usr/bin/env bash
# Regenerates fixtures/demo: a small Kubernetes-shaped etcd data dir written by a REAL
# etcd 3.4 (Debian etcd-server), plus an `etcdctl snapshot save` file and etcdctl's own
# answers (oracle/) for tests. Objects come from fixtures/demo/objects/*.yaml, turned into
# the apiserver's storage bytes by our own `encode`, and a few JSON/encrypted values.
#
# Needs: etcd, etcdctl (apt-get install -y etcd-server etcd-client), a built dist/.
# Runs etcd on 127.0.0.1 only, in a temp dir, and stops it by PID.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/fixtures/demo"
cli=(node "${EF_CLI:-$repo/dist/src/cli/main.js}")
work=$(mktemp -d)
port_c=${DEMO_CLIENT_PORT:-23979}
port_p=${DEMO_PEER_PORT:-23980}
ep="http://127.0.0.1:$port_c"
export ETCDCTL_API=3
ctl() { etcdctl --endpoints "$ep" "$@"; }

etcd --name demo --data-dir "$work/data" \
  --listen-client-urls "$ep" --advertise-client-urls "$ep" \
  --listen-peer-urls "http://127.0.0.1:$port_p" --initial-advertise-peer-urls "http://127.0.0.1:$port_p" \
  --initial-cluster "demo=http://127.0.0.1:$port_p" --initial-cluster-token demo --initial-cluster-state new \
  --snapshot-count 40 --log-outputs "$work/etcd.log" --logger zap >/dev/null 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do ctl endpoint health >/dev/null 2>&1 && break; sleep 0.1; done
ctl endpoint health >/dev/null

obj() { "${cli[@]}" encode -f yaml --file "$1"; }
put_obj() { obj "$2" | ctl put "$1" >/dev/null; }
put_yaml_text() { local f="$work/tmp.yaml"; cat > "$f"; put_obj "$1" "$f"; }

o="$out/objects"
put_obj /registry/namespaces/default "$o/namespace-default.yaml"
put_obj /registry/namespaces/kube-system "$o/namespace-kube-system.yaml"
put_obj /registry/leases/kube-system/kube-controller-manager "$o/lease-kube-controller-manager.yaml"
put_obj /registry/configmaps/default/app-config "$o/configmap-app-config.yaml"
put_obj /registry/secrets/default/db-credentials "$o/secret-db-credentials.yaml"
put_obj /registry/services/specs/default/web "$o/service-web.yaml"
put_obj /registry/deployments/default/web "$o/deployment-web.yaml"
put_obj /registry/pods/default/web-7d4b9c8f6-x2k9p "$o/pod-web-0.yaml"
# A custom resource, stored as JSON by the apiserver.
printf '%s' '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"creationTimestamp":"2026-11-02T09:30:00Z","name":"blue","namespace":"default","uid":"c0ffee00-0000-4000-8000-000000000010"},"spec":{"color":"blue","size":3}}' \
  | ctl put /registry/example.com/widgets/default/blue >/dev/null
# An encrypted Secret (aescbc provider, key "key1"): the envelope prefix plus ciphertext bytes.
node -e 'const c=require("crypto");let h=Buffer.from("demo");const parts=[Buffer.from("k8s:enc:aescbc:v1:key1:")];for(let i=0;i<6;i++){h=c.createHash("sha256").update(h).digest();parts.push(h)}process.stdout.write(Buffer.concat(parts))' \
  | ctl put /registry/secrets/kube-system/bootstrap-token-abcdef >/dev/null

# Lease renewals: the busiest key in a real cluster (one version every few seconds).
for i in $(seq 1 30); do
  ts=$(printf '2026-11-02T10:%02d:%02d.000000Z' $((i / 6)) $(((i % 6) * 10)))
  sed "s/renewTime: .*/renewTime: \"$ts\"/" "$o/lease-kube-controller-manager.yaml" | put_yaml_text /registry/leases/kube-system/kube-controller-manager
done
# Config changes.
sed 's/LOG_LEVEL: info/LOG_LEVEL: debug/' "$o/configmap-app-config.yaml" | put_yaml_text /registry/configmaps/default/app-config
sed 's/LOG_LEVEL: info/LOG_LEVEL: warn/' "$o/configmap-app-config.yaml" | put_yaml_text /registry/configmaps/default/app-config
# A pod that came and went.
sed 's/web-7d4b9c8f6-x2k9p/web-7d4b9c8f6-q8w4z/; s/10.244.1.17/10.244.2.9/g' "$o/pod-web-0.yaml" | put_yaml_text /registry/pods/default/web-7d4b9c8f6-q8w4z
ctl del /registry/pods/default/web-7d4b9c8f6-q8w4z >/dev/null
# The apiserver's compaction: bump compact_rev_key, then compact (physically).
printf '0' | ctl put compact_rev_key >/dev/null
rev=$(ctl get compact_rev_key -w json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).header.revision))')
compact_at=$((rev - 5))
printf '%s' "$compact_at" | ctl put compact_rev_key >/dev/null
ctl compact "$compact_at" --physical >/dev/null
# Writes after the compaction.
for i in $(seq 31 40); do
  ts=$(printf '2026-11-02T10:%02d:%02d.000000Z' $((i / 6)) $(((i % 6) * 10)))
  sed "s/renewTime: .*/renewTime: \"$ts\"/" "$o/lease-kube-controller-manager.yaml" | put_yaml_text /registry/leases/kube-system/kube-controller-manager
done

mkdir -p "$out/oracle"
final_rev=$(ctl get compact_rev_key -w json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).header.revision))')
ctl get "" --prefix -w json > "$out/oracle/get-all.json"
ctl get "" --prefix --keys-only > "$out/oracle/get-keys-only.txt"
ctl endpoint hashkv -w json > "$out/oracle/hashkv-current.json"
ctl endpoint hashkv --rev "$((compact_at + 1))" -w json > "$out/oracle/hashkv-rev-$((compact_at + 1)).json"
# At the compact revision itself etcd refuses ("required revision has been compacted").
ctl endpoint hashkv --rev "$compact_at" -w json > /dev/null 2> "$out/oracle/hashkv-rev-$compact_at.stderr" || true
ctl endpoint status -w json > "$out/oracle/endpoint-status.json"
echo "$compact_at" > "$out/oracle/compact-revision.txt"
echo "$final_rev" > "$out/oracle/revision.txt"
rm -f "$out/snapshot.db"
ctl snapshot save "$out/snapshot.db" >/dev/null
ctl snapshot status "$out/snapshot.db" -w json > "$out/oracle/snapshot-status.json"

kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$out/data"
mkdir -p "$out/data"
cp -r "$work/data/member" "$out/data/"
# WAL segments are preallocated to 64,000,000 bytes of zeros: cut each after its last
# record (rounded up to 4 KiB) to keep the repo small. `truncate -s 64000000` restores it.
for f in "$out"/data/member/wal/*.wal; do node "$repo/scripts/cut-wal.mjs" "$f"; done
rm -f "$out"/data/member/wal/*.tmp
etcd --version | head -1 > "$out/oracle/etcd-version.txt"
echo "demo fixture written to $out (revision $final_rev, compacted at $compact_at)"
