// The damage matrix's parts, shared by test/salvage/damage.test.ts and bench/salvage.bench.ts:
// damages applied to a copy of a db, and one row of the table (what salvage recovered against
// the keyspace that is known to be right).
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readSync, truncateSync, openSync, writeSync, closeSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { salvageDb } from '../../src/salvage/index.js';
import { xorshift32 } from '../helpers.js';
import type { EtcdGetJson } from './etcd-oracle.js';
import { kvsOf, salvagedKvs, type KvJson } from './helpers.js';

export type Damage = (path: string, pageSize: number, pages: number, meta: { root: number; branches: number[] }) => string;

function zeroPages(path: string, pageSize: number, ids: number[]): void {
  const fd = openSync(path, 'r+');
  try {
    const z = Buffer.alloc(pageSize);
    for (const p of ids) writeSync(fd, z, 0, pageSize, p * pageSize);
  } finally {
    closeSync(fd);
  }
}

function randomPages(fraction: number, seed: number): Damage {
  return (path, pageSize, pages) => {
    const rnd = xorshift32(seed);
    const n = Math.max(1, Math.round(pages * fraction));
    const ids = new Set<number>();
    while (ids.size < n) ids.add(rnd() % pages);
    const fd = openSync(path, 'r+');
    try {
      const b = Buffer.alloc(pageSize);
      for (const p of ids) {
        for (let i = 0; i < pageSize; i += 4) b.writeUInt32LE(rnd(), i);
        writeSync(fd, b, 0, pageSize, p * pageSize);
      }
    } finally {
      closeSync(fd);
    }
    return `${n} of ${pages} pages random (seed ${seed})`;
  };
}

export const DAMAGES: [string, Damage][] = [
  ['none', () => 'undamaged'],
  ['meta pages zeroed', (p, ps) => (zeroPages(p, ps, [0, 1]), 'pages 0, 1 zeroed')],
  ['every branch page zeroed', (p, ps, _n, m) => (zeroPages(p, ps, m.branches), `${m.branches.length} branch pages zeroed`)],
  ['root page zeroed', (p, ps, _n, m) => (zeroPages(p, ps, [m.root]), `page ${m.root} zeroed`)],
  ['1% pages random', randomPages(0.01, 1)],
  ['10% pages random', randomPages(0.1, 10)],
  ['30% pages random', randomPages(0.3, 30)],
  ['truncated at 50%', (p) => {
    const size = statSync(p).size;
    truncateSync(p, Math.floor(size / 2));
    return `cut to ${Math.floor(size / 2)} of ${size} bytes`;
  }],
];

/** Page size, page count, the active root page and the branch pages of an undamaged db. */
export function layout(path: string): { pageSize: number; pages: number; root: number; branches: number[] } {
  const fd = openSync(path, 'r');
  try {
    const h = Buffer.alloc(80);
    const at = (off: number, n = 80) => (readSync(fd, h, 0, n, off), h);
    const pageSize = at(0).readUInt32LE(16 + 8);
    const metas = [0, 1].map((i) => {
      const b = at(i * pageSize);
      return { txid: b.readBigUInt64LE(16 + 48), root: Number(b.readBigUInt64LE(16 + 16)) };
    });
    const root = metas[0]!.txid > metas[1]!.txid ? metas[0]!.root : metas[1]!.root;
    const pages = Math.floor(statSync(path).size / pageSize);
    const branches: number[] = [];
    for (let p = 2; p < pages; p++) {
      const b = at(p * pageSize, 16);
      if (Number(b.readBigUInt64LE(0)) === p && b.readUInt16LE(8) === 1) branches.push(p);
    }
    return { pageSize, pages, root, branches };
  } finally {
    closeSync(fd);
  }
}

export interface MatrixRow {
  db: string;
  damage: string;
  detail: string;
  live: number;
  /** Listed as certain, with the recorded value. */
  right: number;
  /** Listed as certain, with another value: the bar is 0. */
  wrong: number;
  /** Left out as uncertain (a newer revision may be lost): with the recorded value / stale. */
  uncertainRight: number;
  uncertainStale: number;
  missing: number;
  extra: number;
  reportedLost: boolean;
}

/** etcdctl's recorded get-all as the truth. */
export function recordedKvs(oracle: string): KvJson[] {
  return kvsOf(JSON.parse(readFileSync(oracle, 'utf8')) as EtcdGetJson);
}

export async function damageRow(db: string, source: string, want: KvJson[], name: string, damage: Damage, dir: string): Promise<MatrixRow> {
  const lay = layout(source);
  const copy = join(dir, `${db.replace(/\W/g, '_')}-${name.replace(/\W/g, '_')}.db`);
  copyFileSync(source, copy);
  const detail = damage(copy, lay.pageSize, lay.pages, lay);
  let got: Awaited<ReturnType<typeof salvagedKvs>> = [];
  let all: Awaited<ReturnType<typeof salvagedKvs>> = [];
  let lost = true;
  try {
    const s = await salvageDb(copy);
    try {
      got = await salvagedKvs(s);
      all = await salvagedKvs(s, 0, true);
      lost = s.report.lost;
    } finally {
      await s.close();
    }
  } catch (err) {
    // nothing recoverable is an answer too (0 right), as long as it is a clear error
    assert.match((err as Error).message, /^salvage: /);
  }
  rmSync(copy, { force: true });
  const byKey = new Map(got.map((k) => [k.key, k]));
  const uncertain = new Map(all.filter((k) => !byKey.has(k.key)).map((k) => [k.key, k]));
  let right = 0;
  let wrong = 0;
  let uncertainRight = 0;
  let uncertainStale = 0;
  for (const w of want) {
    const u = uncertain.get(w.key);
    if (u) JSON.stringify(u) === JSON.stringify(w) ? uncertainRight++ : uncertainStale++;
    const g = byKey.get(w.key);
    if (!g) continue;
    if (JSON.stringify(g) === JSON.stringify(w)) right++;
    else {
      wrong++;
      if (process.env.SALVAGE_DEBUG) process.stderr.write(`wrong ${db}/${name}: ${Buffer.from(w.key, 'base64').toString()} got ${JSON.stringify(g).slice(0, 200)}\n`);
    }
  }
  const wantKeys = new Set(want.map((w) => w.key));
  const extra = all.filter((g) => !wantKeys.has(g.key)).length;
  return { db, damage: name, detail, live: want.length, right, wrong, uncertainRight, uncertainStale, missing: want.length - right - wrong - uncertainRight - uncertainStale, extra, reportedLost: lost };
}

export function matrixTable(rows: MatrixRow[]): string {
  const head = ['db', 'damage', 'live keys', 'right value', 'wrong', 'uncertain: right/stale', 'missing', 'extra', 'exit', 'detail'];
  const lines = rows.map((r) => [r.db, r.damage, String(r.live), `${r.right} (${((100 * r.right) / Math.max(1, r.live)).toFixed(1)}%)`, String(r.wrong), `${r.uncertainRight}/${r.uncertainStale}`, String(r.missing), String(r.extra), r.reportedLost ? '1' : '0', r.detail]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [head, ...lines].map((l) => l.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd()).join('\n');
}

