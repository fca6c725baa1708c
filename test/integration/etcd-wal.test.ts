// A real etcd (3.4, 3.5 and 3.6: one test body each) writes enough large values that its WAL rolls over to a second
// 64,000,000-byte segment; our reader must agree with what etcd reported: last raft
// index, entry count, and a clean CRC verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers.js';
import { ETCD_SERVERS, requireServer } from './servers.js';
import { makeEtcdWal } from '../../scripts/etcd-wal-fixture.js';
import { readWalAll, walEntries } from '../../src/wal/read-all.js';

for (const server of ETCD_SERVERS) test(`real etcd ${server.minor}: multi-segment WAL read and verified`, { timeout: 240_000 }, async (t) => {
  if (!requireServer(t, server)) return;
  const tmp = tempDir('etcd-wal-it-');
  try {
    // 70 × 1 MB values ≈ 70 MB of entries: more than one 64,000,000-byte segment.
    const run = await makeEtcdWal(tmp.dir, { valueBytes: 1_000_000, puts: 70, snapshotCount: 30, concurrency: 8, etcdBinary: server.etcd });
    const walDir = join(run.dataDir, 'member', 'wal');
    const segments = readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort();
    assert.ok(segments.length >= 2, `WAL rolled over (${segments.join(', ')})`);
    assert.ok(statSync(join(walDir, segments[0]!)).size >= 64_000_000);

    // ReadAll from index 1 (as `dump-logs --start-index=1`): entries 2..raftIndex.
    const all = await readWalAll(walDir, { start: { index: 1n, term: 0n } });
    assert.equal(all.error?.code, 'snapshot-not-found'); // tolerated with a start index, as in etcd-dump-logs
    assert.equal(all.firstIndex + BigInt(all.entryOrdinals.length) - 1n, run.raftIndex, 'last index = etcd raftIndex');
    assert.equal(BigInt(all.entryOrdinals.length), run.raftIndex - 1n, 'entry count');
    assert.equal(all.state.commit, run.raftIndex, 'HardState commit');
    assert.equal(all.state.term, run.raftTerm);
    let puts = 0;
    for await (const e of walEntries(all)) if (e.data.length > 1_000_000) puts++;
    assert.equal(puts, run.puts, 'every 1 MB put is in the WAL');

    const v = await runCli(['verify', run.dataDir]);
    assert.equal(v.code, 0, v.stdout.toString());
    assert.match(v.stdout.toString(), new RegExp(`${segments.length} WAL segments, .* commit ${run.raftIndex}, .*: OK`));

    const d = await runCli(['dump-logs', '--start-index=1', run.dataDir]);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout.toString(), new RegExp(`\nlastIndex=${run.raftIndex}\n`));
    assert.match(d.stdout.toString(), new RegExp(`count is : ${run.raftIndex - 1n}$`));
  } finally {
    tmp.cleanup();
  }
});
