// Shared helpers for bolt tests: the bolt fixtures, a gunzipped copy of the big one, and the
// manifest hashes (hash_spec in each manifest.json) computed over our reader's output.
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openBolt, type BoltBucket, type BoltDatabase } from '../../src/bolt/index.js';
import { gunzipTo, REPO_ROOT, requireShared, runCommand, tempDir } from '../helpers.js';
import assert from 'node:assert/strict';

export const BOLT_FIXTURES = [
  'bolt-empty-4k',
  'bolt-basic-4k',
  'bolt-basic-16k',
  'bolt-basic-hashmap-4k',
  'bolt-nofreelistsync-4k',
  'bolt-many-keys-4k',
  'bolt-very-deep-4k',
  'bolt-many-deletes-4k',
  'bolt-freelist-overflow-4k',
] as const;

let bigTemp: { dir: string; cleanup: () => void } | undefined;
const gunzipped = new Map<string, Promise<string>>();
process.on('exit', () => bigTemp?.cleanup());

/** Path of a fixture's db (gunzipped once per process into a temp dir when only db.gz exists). */
export async function fixtureDb(t: TestContext, name: string): Promise<string | undefined> {
  const dir = requireShared(t, `fixtures/${name}`);
  if (!dir) return undefined;
  const db = join(dir, 'db');
  if (existsSync(db)) return db;
  let p = gunzipped.get(name);
  if (!p) {
    bigTemp ??= tempDir('bolt-fixture-');
    p = gunzipTo(join(dir, 'db.gz'), bigTemp.dir, `${name}.db`);
    gunzipped.set(name, p);
  }
  return p;
}

/** JSON.parse that keeps integers above 2^53 exact (as strings): sequences go up to 2^64-1. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text.replace(/([:\[,]\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
}

export function readManifest(dir: string): Manifest {
  return parseJsonExact(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export interface ManifestBucket {
  path_hex: string[];
  sequence: number | string;
  root_pgid: number;
  inline: boolean;
  key_count: number;
  bucket_count: number;
  entries_sha256: string;
  stats?: Record<string, number>;
}

export interface Manifest {
  metas: { page_id: number; txid: number; root_pgid: number; hwm_pgid: number; freelist_pgid: string; checksum: string }[];
  active_meta: number;
  page_size: number;
  hwm_pgid: number;
  free_page_count: number;
  free_page_ids: number[];
  page_type_counts: Record<string, number>;
  check_errors: string[];
  total_keys: number;
  total_buckets: number;
  tree_sha256: string;
  buckets: ManifestBucket[];
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
function u64be(n: bigint | number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

export interface TreeSummary {
  treeSha256: string;
  totalKeys: number;
  buckets: { pathHex: string[]; sequence: bigint; root: bigint; inline: boolean; keyCount: number; bucketCount: number; entriesSha256: string }[];
  listing: { path_hex: string[]; key_hex: string; type: string; value_hex?: string; sequence?: string }[];
}

/** Walks the whole db depth-first in cursor order, hashing as the manifest's hash_spec says. */
export async function summarize(db: BoltDatabase, listingLimit = 2000): Promise<TreeSummary> {
  const tree = createHash('sha256');
  const out: TreeSummary = { treeSha256: '', totalKeys: 0, buckets: [], listing: [] };
  const walk = async (b: BoltBucket, path: Buffer[]): Promise<void> => {
    const entries: Hash = createHash('sha256');
    let keyCount = 0;
    let bucketCount = 0;
    for await (const e of b.entries()) {
      const key = Buffer.from(e.key);
      const full = [...path, key];
      tree.update(u32be(full.length));
      for (const c of full) tree.update(u32be(c.length)).update(c);
      const rec = { path_hex: path.map((p) => p.toString('hex')), key_hex: key.toString('hex') };
      if (e.isBucket) {
        const child = (await b.bucket(e.key))!;
        tree.update('B').update(u64be(child.sequence));
        entries.update('B').update(u32be(key.length)).update(key).update(u64be(child.sequence));
        if (out.listing.length < listingLimit) out.listing.push({ ...rec, type: 'bucket', sequence: child.sequence.toString() });
        bucketCount++;
        await walk(child, full);
      } else {
        const v = Buffer.from(e.value!);
        tree.update('V').update(u64be(v.length)).update(v);
        entries.update('V').update(u32be(key.length)).update(key).update(u64be(v.length)).update(v);
        if (out.listing.length < listingLimit) out.listing.push({ ...rec, type: 'value', value_hex: v.toString('hex') });
        keyCount++;
        out.totalKeys++;
      }
    }
    if (path.length > 0) {
      out.buckets.push({
        pathHex: path.map((p) => p.toString('hex')),
        sequence: b.sequence,
        root: b.root,
        inline: b.inline,
        keyCount,
        bucketCount,
        entriesSha256: entries.digest('hex'),
      });
    }
  };
  await walk(db.root, []);
  out.treeSha256 = tree.digest('hex');
  return out;
}

export async function openFixture(t: TestContext, name: string): Promise<BoltDatabase | undefined> {
  const p = await fixtureDb(t, name);
  return p ? openBolt(p) : undefined;
}

/** Runs argv lists through the CLI in one child process (see cli-batch.ts). */
export async function runBatch(runs: string[][]): Promise<{ stdout: Buffer; stderr: string; code: number }[]> {
  const r = await runCommand(process.execPath, [join(REPO_ROOT, 'dist', 'test', 'bolt', 'cli-batch.js')], { input: JSON.stringify(runs) });
  assert.equal(r.code, 0, `cli-batch: ${r.stderr}`);
  return (JSON.parse(r.stdout.toString('utf8')) as { stdout: string; stderr: string; code: number }[]).map((x) => ({ ...x, stdout: Buffer.from(x.stdout, 'base64') }));
}
