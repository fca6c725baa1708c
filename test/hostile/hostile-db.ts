// A small etcd-shaped bolt db with chosen keys and values (and chosen extra bucket names),
// written with the project's bbolt writer (src/bolt/write): the hostile-input tests need values no
// real apiserver would store (deep JSON, control characters in names and kinds).
import { encodeKeyValue } from '../../src/mvcc/key-value.js';
import { revisionKeyBytes } from '../../src/mvcc/revision.js';
import { BoltFileWriter, inlineBucketValue, LEAF_FLAG_BUCKET, rootBucketValue, TreeBuilder, type LeafEntry } from '../../src/bolt/write/index.js';

function u64be(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v);
  return b;
}

export interface HostileDbSpec {
  /** Puts at revisions 2, 3, ... in order. */
  puts: { key: string | Uint8Array; value: string | Uint8Array }[];
  /** Extra empty top-level buckets (names as bytes, e.g. with ESC or 0x9b). */
  extraBuckets?: Uint8Array[];
  /** The members bucket's one value (JSON text). */
  member?: string;
}

export function writeHostileDb(path: string, spec: HostileDbSpec): void {
  const w = new BoltFileWriter(path, { pageSize: 4096 });
  const tree = new TreeBuilder(w, 0.9);
  let main = 1;
  for (const p of spec.puts) {
    main++;
    const rev = BigInt(main);
    const key = typeof p.key === 'string' ? Buffer.from(p.key) : p.key;
    const value = typeof p.value === 'string' ? Buffer.from(p.value) : p.value;
    tree.add({ key: revisionKeyBytes({ main: rev, sub: 0n }), value: encodeKeyValue({ key, createRevision: rev, modRevision: rev, version: 1n, value, lease: 0n }) });
  }
  const keyRoot = tree.finish();
  const member = spec.member ?? '{"id":10276657743932975437,"peerURLs":["http://localhost:2380"],"name":"default","clientURLs":["http://localhost:2379"]}';
  const buckets: [Uint8Array, Uint8Array][] = [
    [Buffer.from('cluster'), inlineBucketValue([{ key: Buffer.from('clusterVersion'), value: Buffer.from('3.5.0') }])],
    [Buffer.from('key'), rootBucketValue(keyRoot)],
    [Buffer.from('members'), inlineBucketValue([{ key: Buffer.from('8e9e05c52164694d'), value: Buffer.from(member) }])],
    [Buffer.from('meta'), inlineBucketValue([{ key: Buffer.from('consistent_index'), value: u64be(BigInt(main + 3)) }])],
  ];
  for (const name of spec.extraBuckets ?? []) buckets.push([Buffer.from(name), inlineBucketValue([{ key: Buffer.from(name), value: Buffer.from(name) } as LeafEntry])]);
  buckets.sort((a, b) => Buffer.compare(a[0], b[0]));
  const root = new TreeBuilder(w, 1);
  for (const [name, value] of buckets) root.add({ key: name, value, flags: LEAF_FLAG_BUCKET });
  w.finish(root.finish(), BigInt(main));
}
