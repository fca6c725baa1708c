// Salvage benchmark on the generated etcd-shaped db (scripts/gen-bench-db.ts: 1.15M revisions,
// ~380 MB): `salvage --no-list` (every page read in file order, the live tree walked, every
// revision checked and indexed, sorted and de-duplicated) next to our extract sizing scan,
// best of 3 (warm page cache); goal (issue 13): salvage within 2x the extract scan. Then the
// damage matrix on the same db, against the keyspace our extract lists for the undamaged file.
import { ensureBenchDb } from '../scripts/gen-bench-db.js';
import { keyBytes, listKeys, loadKeyValue, openKeyspace } from '../src/mvcc/keyspace/index.js';
import { tempDir } from '../test/helpers.js';
import { DAMAGES, damageRow, matrixTable, type MatrixRow } from '../test/salvage/damage-matrix.js';
import type { KvJson } from '../test/salvage/helpers.js';
import { bestOf, formatRow, measureCli } from './harness.js';

async function extractKvs(path: string): Promise<KvJson[]> {
  const ks = await openKeyspace(path);
  try {
    const out: KvJson[] = [];
    for (const st of (await listKeys(ks)).keys) {
      const kv = await loadKeyValue(ks, st);
      out.push({ key: Buffer.from(keyBytes(st.keyString)).toString('base64'), create_revision: st.createRevision, mod_revision: st.modRevision, version: st.version, value: Buffer.from(kv.value).toString('base64'), lease: Number(kv.lease) });
    }
    return out;
  } finally {
    await ks.close();
  }
}

export async function run(): Promise<string[]> {
  const db = ensureBenchDb();
  const lines = [`input: ${db.path} (${(db.size / 1e6).toFixed(1)} MB, ${db.revisions} revisions)`];
  const extract = await bestOf(3, () => measureCli('extract --fields key,value-size,all-versions-value-size,version-count', ['extract', db.path, '--fields', 'key,value-size,all-versions-value-size,version-count'], db.size));
  // salvage exits 1 only when something is lost: on this undamaged db it must exit 0
  const salvage = await bestOf(3, () => measureCli('salvage --no-list', ['salvage', db.path, '--no-list'], db.size));
  lines.push(formatRow(extract), formatRow(salvage));
  if (salvage.exitCode !== 0) lines.push(`!!! salvage exited ${salvage.exitCode} on the undamaged db`);
  lines.push(`salvage / extract: ${(salvage.seconds / extract.seconds).toFixed(2)}x time, ${((salvage.peakRssMB ?? NaN) / (extract.peakRssMB ?? NaN)).toFixed(2)}x peak RSS; goal <= 2x time`);
  if (process.env.BENCH_SALVAGE_MATRIX !== '0') {
    const want = await extractKvs(db.path);
    const tmp = tempDir('bench-salvage-');
    const rows: MatrixRow[] = [];
    try {
      for (const [name, damage] of DAMAGES) rows.push(await damageRow('bench-db', db.path, want, name, damage, tmp.dir));
    } finally {
      tmp.cleanup();
    }
    lines.push('', 'damage matrix (truth: extract of the undamaged db; BENCH_SALVAGE_MATRIX=0 skips):', ...matrixTable(rows).split('\n'));
    const wrong = rows.reduce((n, r) => n + r.wrong, 0);
    lines.push(wrong === 0 ? 'wrong values: 0' : `!!! ${wrong} keys with a wrong value`);
  }
  return lines;
}
