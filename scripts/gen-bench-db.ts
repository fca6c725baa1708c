// Generates the etcd-shaped benchmark db (git-ignored .bench-data/): 4096-byte pages,
// NoFreelistSync metas like etcd on Linux, buckets alarm/auth/authRoles/authUsers/cluster/
// key/lease/members/members_removed/meta, and a `key` bucket of ~1.15M revisions (17-byte
// revision keys, 18-byte tombstones, mvccpb.KeyValue values) over 50k keys, leaves filled
// to 0.9 as etcd's sequential puts do. Deterministic (fixed PRNG seed).
//
//   node dist/scripts/gen-bench-db.js [path]      (default .bench-data/etcd-bench-v2.db)
// Other benches: `import { ensureBenchDb } from '../scripts/gen-bench-db.js'`.
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeKeyValue } from '../src/mvcc/key-value.js';
import { revisionKeyBytes } from '../src/mvcc/revision.js';
import { BoltFileWriter, inlineBucketValue, rootBucketValue, TreeBuilder, type LeafEntry } from '../src/bolt/write/index.js';
import { LEAF_FLAG_BUCKET } from '../src/bolt/layout.js';
import { encodeLease } from '../src/mvcc/write/etcd-db.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// v2: the lease entry's ID now equals its key (v1 had a mistyped varint)
export const BENCH_DB_NAME = 'etcd-bench-v2.db';
export const BENCH_REVISIONS = 1_150_000;
const DISTINCT_KEYS = 50_000;
const SEED = 0x5eed1234;

/** Mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESOURCES = ['pods', 'configmaps', 'secrets', 'events', 'leases', 'deployments', 'services', 'endpointslices'];

function u64be(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v);
  return b;
}

function kvEntry(key: string, value: Uint8Array | string): LeafEntry {
  return { key: Buffer.from(key), value: typeof value === 'string' ? Buffer.from(value) : value };
}

export interface BenchDbInfo {
  path: string;
  size: number;
  revisions: number;
}

/** Writes the benchmark db to `path` (overwrites). */
export function generateBenchDb(path: string, revisions = BENCH_REVISIONS): BenchDbInfo {
  const w = new BoltFileWriter(path, { pageSize: 4096, overwrite: true });
  const rnd = prng(SEED);
  // Value bytes come from one random pool, sliced at random offsets (cheap, incompressible).
  const pool = Buffer.alloc(1 << 16);
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rnd() * 256);
  const keys = Array.from({ length: DISTINCT_KEYS }, (_, i) => {
    const r = RESOURCES[i % RESOURCES.length]!;
    return Buffer.from(`/registry/${r}/ns-${(i * 7) % 97}/${r.slice(0, -1)}-${i.toString(36).padStart(5, '0')}`);
  });
  const create = new Float64Array(DISTINCT_KEYS); // 0 = not live
  const version = new Float64Array(DISTINCT_KEYS);

  const tree = new TreeBuilder(w, 0.9);
  let main = 1;
  for (let n = 0; n < revisions; n++) {
    main++;
    // Skewed choice: a few hot keys (leases, events) get most versions.
    const u = rnd();
    const k = Math.floor(u * u * DISTINCT_KEYS);
    const key = keys[k]!;
    const rev = BigInt(main);
    if (create[k] && rnd() < 0.02) {
      tree.add({ key: revisionKeyBytes({ main: rev, sub: 0n }, true), value: encodeKeyValue({ key, createRevision: 0n, modRevision: 0n, version: 0n, value: new Uint8Array(0), lease: 0n }) });
      create[k] = 0;
      version[k] = 0;
      continue;
    }
    if (!create[k]) create[k] = main;
    version[k]!++;
    const len = 120 + Math.floor(rnd() * 160);
    const off = Math.floor(rnd() * (pool.length - len));
    const value = pool.subarray(off, off + len);
    tree.add({
      key: revisionKeyBytes({ main: rev, sub: 0n }),
      value: encodeKeyValue({ key, createRevision: BigInt(create[k]!), modRevision: rev, version: BigInt(version[k]!), value, lease: k % 50 === 0 ? 7587869010146476555n : 0n }),
    });
  }
  const keyRoot = tree.finish();
  const compacted = revisionKeyBytes({ main: BigInt(Math.floor(main / 2)), sub: 0n });
  const lease = encodeLease({ id: 7587869010146476555n, ttl: 60n }); // the lease the leased keys name
  const buckets: [string, Uint8Array][] = [
    ['alarm', inlineBucketValue([])],
    ['auth', inlineBucketValue([kvEntry('authEnabled', Buffer.from([0])), kvEntry('authRevision', u64be(1n))])],
    ['authRoles', inlineBucketValue([])],
    ['authUsers', inlineBucketValue([])],
    ['cluster', inlineBucketValue([kvEntry('clusterVersion', '3.4.0')])],
    ['key', rootBucketValue(keyRoot)],
    ['lease', inlineBucketValue([{ key: u64be(7587869010146476555n), value: lease }])],
    ['members', inlineBucketValue([kvEntry('8e9e05c52164694d', '{"id":10276657743932975437,"peerURLs":["http://localhost:2380"],"name":"default","clientURLs":["http://localhost:2379"]}')])],
    ['members_removed', inlineBucketValue([])],
    [
      'meta',
      inlineBucketValue([
        kvEntry('consistent_index', u64be(BigInt(main + 12))),
        kvEntry('finishedCompactRev', compacted),
        kvEntry('scheduledCompactRev', compacted),
      ]),
    ],
  ];
  const root = new TreeBuilder(w, 1);
  for (const [name, value] of buckets) root.add({ key: Buffer.from(name), value, flags: LEAF_FLAG_BUCKET });
  const rootPgid = root.finish();
  w.finish(rootPgid, BigInt(main));
  return { path, size: statSync(path).size, revisions };
}

/** The benchmark db, generated once into .bench-data/ and reused. */
export function ensureBenchDb(dir = process.env.BENCH_DATA ?? join(REPO_ROOT, '.bench-data')): BenchDbInfo {
  const path = join(dir, BENCH_DB_NAME);
  if (existsSync(path)) return { path, size: statSync(path).size, revisions: BENCH_REVISIONS };
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  generateBenchDb(tmp);
  renameSync(tmp, path);
  return { path, size: statSync(path).size, revisions: BENCH_REVISIONS };
}

const invoked = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const started = Date.now();
  const info = process.argv[2] ? generateBenchDb(process.argv[2]) : ensureBenchDb();
  console.log(`${info.path}: ${(info.size / 1e6).toFixed(1)} MB, ${info.revisions} revisions, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
