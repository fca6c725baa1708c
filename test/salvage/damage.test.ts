// The damage matrix: real etcd 3.4 dbs damaged on copies (metas zeroed, every branch page
// zeroed, the root page zeroed, 1/10/30 % of pages overwritten with seeded random bytes, the
// file cut at 50 %), salvaged, and compared with what etcdctl recorded from the running
// server (oracle/get-all.json): the fraction of live keys recovered with the right value,
// and no key with a wrong value (the bar): a key whose newest revision may have been lost is
// marked uncertain (counted apart, right or stale), never given as certain. Table printed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { requireShared, tempDir } from '../helpers.js';
import { DAMAGES, damageRow, matrixTable, recordedKvs, type MatrixRow } from './damage-matrix.js';

test('salvage damage matrix on real etcd 3.4 dbs: 0 wrong values', { timeout: 120_000 }, async (t) => {
  const small = requireShared(t, 'fixtures/etcd-small');
  const k8s = requireShared(t, 'fixtures/etcd-k8s');
  if (!small || !k8s) return;
  const tmp = tempDir('salvage-damage-');
  const rows: MatrixRow[] = [];
  try {
    for (const [db, dir] of [['etcd-small', small], ['etcd-k8s', k8s]] as const) {
      for (const [name, damage] of DAMAGES) rows.push(await damageRow(db, join(dir, 'data/member/snap/db'), recordedKvs(join(dir, 'oracle/get-all.json')), name, damage, tmp.dir));
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
    if (['meta pages zeroed', 'root page zeroed', 'every branch page zeroed'].includes(r.damage)) {
      assert.equal(r.right + r.uncertainRight, r.live, `${r.db} / ${r.damage}: leaves intact, every live key expected`);
    }
    assert.equal(r.extra, 0, `${r.db} / ${r.damage}: no key etcd did not have`);
  }
});
