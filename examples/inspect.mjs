// Library tour: the layers etcd-forensics is built from, on one etcd data dir.
// Run: node examples/inspect.mjs fixtures/demo/data
import { openBolt, checkBolt, mvcc, wal, decodeStorageValue, toYaml } from 'etcd-forensics';

const dir = process.argv[2] ?? 'fixtures/demo/data';

// bolt: pages and buckets of member/snap/db, read-only.
const db = await openBolt(dir);
const { findings } = await checkBolt(db);
const buckets = [];
for await (const e of db.root.entries()) buckets.push(Buffer.from(e.key).toString());
console.log(`bolt: page size ${db.pageSize}, txid ${db.meta.txid}, ${buckets.length} buckets, check: ${findings.length} findings`);
await db.close();

// mvcc: the keyspace as etcd serves it.
const ks = await mvcc.openKeyspace(dir);
const h = await mvcc.hashKV(ks);
console.log(`mvcc: hashkv ${h.hash} at revision ${h.hashRevision}, compacted at ${h.compactRevision}`);
const key = Buffer.from('/registry/leases/kube-system/kube-controller-manager');
const versions = await mvcc.listVersions(ks, key);
console.log(`mvcc: ${key} has ${versions.length} stored revisions, ${versions[0].main}..${versions.at(-1).main}`);

// k8s: decode the value at an older revision and print a field of it.
const old = await mvcc.getKey(ks, key, { revision: versions[0].main });
const lease = decodeStorageValue(old.value);
console.log(`k8s: ${lease.kind} renewTime at revision ${old.modRevision}: ${lease.object.spec.renewTime}`);
process.stdout.write(toYaml(lease).split('\n').slice(0, 4).join('\n') + '\n');
await ks.close();

// wal: the raft log and its CRC chain.
const report = await wal.verifyWal(dir);
console.log(`wal: ${report.entries} entries, index ${report.firstIndex}..${report.lastIndex}, ${report.ok ? 'verified' : `${report.findings.length} findings`}`);
