// The damage matrix: real etcd 3.4 dbs damaged on copies (metas zeroed, every branch page
// zeroed, the root page zeroed, 1/10/30 % of pages overwritten with seeded random bytes, the
// file cut at 50 %), salvaged, and compared with what etcdctl recorded from the running
// server (oracle/get-all.json): the fraction of live keys recovered with the right value,
// and no key with a wrong value (the bar). The table is printed.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, truncateSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { salvageDb } from '../../src/salvage/index.js';
import { requireShared, tempDir, xorshift32 } from '../helpers.js';
import type { EtcdGetJson } from './etcd-oracle.js';
import { kvsOf, salvagedKvs } from './helpers.js';

type Damage = (path: string, pageSize: number, pages: number, meta: { root: number; branches: number[] }) => string;

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

const DAMAGES: [string, Damage][] = [
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
function layout(path: string): { pageSize: number; pages: number; root: number; branches: number[] } {
  const b = readFileSync(path);
  const pageSize = b.readUInt32LE(16 + 8);
  const metas = [0, 1].map((i) => ({ txid: b.readBigUInt64LE(i * pageSize + 16 + 48), root: Number(b.readBigUInt64LE(i * pageSize + 16 + 16)) }));
  const root = metas[0]!.txid > metas[1]!.txid ? metas[0]!.root : metas[1]!.root;
  const pages = Math.floor(b.length / pageSize);
  const branches: number[] = [];
  for (let p = 2; p < pages; p++) if (Number(b.readBigUInt64LE(p * pageSize)) === p && b.readUInt16LE(p * pageSize + 8) === 1) branches.push(p);
  return { pageSize, pages, root, branches };
}

export interface MatrixRow {
  db: string;
  damage: string;
  detail: string;
  live: number;
  right: number;
  wrong: number;
  missing: number;
  extra: number;
  reportedLost: boolean;
}

export async function damageRow(db: string, source: string, oracle: string, name: string, damage: Damage, dir: string): Promise<MatrixRow> {
  const want = kvsOf(JSON.parse(readFileSync(oracle, 'utf8')) as EtcdGetJson);
  const lay = layout(source);
  const copy = join(dir, `${db.replace(/\W/g, '_')}-${name.replace(/\W/g, '_')}.db`);
  copyFileSync(source, copy);
  const detail = damage(copy, lay.pageSize, lay.pages, lay);
  let got: Awaited<ReturnType<typeof salvagedKvs>> = [];
  let lost = true;
  try {
    const s = await salvageDb(copy, { pageSize: name === 'meta pages zeroed' ? undefined : undefined });
    try {
      got = await salvagedKvs(s);
      lost = s.report.lost;
    } finally {
      await s.close();
    }
  } catch (err) {
    // nothing recoverable is an answer too (0 right), as long as it is a clear error
    assert.match((err as Error).message, /^salvage: /);
  }
  const byKey = new Map(got.map((k) => [k.key, k]));
  let right = 0;
  let wrong = 0;
  for (const w of want) {
    const g = byKey.get(w.key);
    if (!g) continue;
    if (JSON.stringify(g) === JSON.stringify(w)) right++;
    else {
      wrong++;
      if (process.env.SALVAGE_DEBUG) process.stderr.write(`wrong ${db}/${name}: ${Buffer.from(w.key, 'base64').toString()} got ${JSON.stringify(g).slice(0, 200)}\n`);
    }
  }
  const wantKeys = new Set(want.map((w) => w.key));
  const extra = got.filter((g) => !wantKeys.has(g.key)).length;
  return { db, damage: name, detail, live: want.length, right, wrong, missing: want.length - right - wrong, extra, reportedLost: lost };
}

export function matrixTable(rows: MatrixRow[]): string {
  const head = ['db', 'damage', 'live keys', 'right value', 'wrong', 'missing', 'extra', 'exit', 'detail'];
  const lines = rows.map((r) => [r.db, r.damage, String(r.live), `${r.right} (${((100 * r.right) / Math.max(1, r.live)).toFixed(1)}%)`, String(r.wrong), String(r.missing), String(r.extra), r.reportedLost ? '1' : '0', r.detail]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [head, ...lines].map((l) => l.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd()).join('\n');
}

test('salvage damage matrix on real etcd 3.4 dbs: 0 wrong values', { timeout: 120_000 }, async (t) => {
  const small = requireShared(t, 'fixtures/etcd-small');
  const k8s = requireShared(t, 'fixtures/etcd-k8s');
  if (!small || !k8s) return;
  const tmp = tempDir('salvage-damage-');
  const rows: MatrixRow[] = [];
  try {
    for (const [db, dir] of [['etcd-small', small], ['etcd-k8s', k8s]] as const) {
      for (const [name, damage] of DAMAGES) rows.push(await damageRow(db, join(dir, 'data/member/snap/db'), join(dir, 'oracle/get-all.json'), name, damage, tmp.dir));
    }
  } finally {
    tmp.cleanup();
  }
  const table = matrixTable(rows);
  process.stdout.write(`\n${table}\n`);
  for (const line of table.split('\n')) t.diagnostic(line);
  for (const r of rows) {
    assert.equal(r.wrong, 0, `${r.db} / ${r.damage}: ${r.wrong} keys with a wrong value`);
    if (r.damage === 'none') assert.equal(r.right, r.live);
    if (r.damage === 'none') assert.equal(r.extra, 0);
    if (r.damage === 'none') assert.equal(r.reportedLost, false);
    if (['meta pages zeroed', 'root page zeroed', 'every branch page zeroed'].includes(r.damage)) assert.equal(r.right, r.live, `${r.db} / ${r.damage}: leaves intact, every live key expected`);
  }
});
