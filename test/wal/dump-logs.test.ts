// dump-logs text output against the recorded etcd-dump-logs 3.4.23 runs: byte for byte,
// same exit status, on the cut fixture files and on the restored 64,000,000-byte layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { requireShared, runCli, sha256File, tempDir } from '../helpers.js';
import { ETCD_FIXTURES, recordedDumpLogsRuns, restoredCopy } from './fixtures.js';

for (const fixture of ETCD_FIXTURES) {
  test(`dump-logs equals etcd-dump-logs on ${fixture}`, async (t) => {
    const data = requireShared(t, `fixtures/${fixture}/data`);
    if (!data) return;
    const wal = join(data, 'member', 'wal', '0000000000000000-0000000000000000.wal');
    const before = await sha256File(wal);
    const runs = recordedDumpLogsRuns(fixture);
    assert.ok(runs.length >= 3, 'fixture has recorded runs');
    for (const run of runs) {
      const r = await runCli(['dump-logs', ...run.flags, data]);
      assert.equal(r.code, run.exitCode, `${run.name}: exit status (stderr: ${r.stderr})`);
      assert.ok(r.stdout.equals(run.stdout), `${run.name}: stdout differs from etcd-dump-logs`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      if (run.exitCode === 1) assert.match(r.stderr, /Failed reading WAL: walpb: crc mismatch/);
    }
    assert.equal(await sha256File(wal), before, 'input unchanged');
  });
}

// The torn fixtures are defined by their cut: extending them with zeros changes what
// etcd sees, so only the others are checked in the restored layout.
for (const fixture of ['etcd-small', 'etcd-k8s', 'etcd-small-corrupt']) {
  test(`dump-logs on restored 64,000,000-byte segments of ${fixture}`, async (t) => {
    if (!requireShared(t, `fixtures/${fixture}/data`)) return;
    const tmp = tempDir();
    try {
      const data = restoredCopy(fixture, tmp.dir);
      for (const run of recordedDumpLogsRuns(fixture)) {
        const r = await runCli(['dump-logs', ...run.flags, data]);
        assert.equal(r.code, run.exitCode, `${run.name}: exit status`);
        assert.ok(r.stdout.equals(run.stdout), `${run.name}: stdout differs on restored layout`);
      }
    } finally {
      tmp.cleanup();
    }
  });
}

test('dump-logs --start-snap and --start-index together is a usage error', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const r = await runCli(['dump-logs', '--start-index=5', '--start-snap=0000000000000002-0000000000000065.snap', data]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot be used together/);
});
