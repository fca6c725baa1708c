// Every etcd-dump-db command recorded in ../shared/fixtures/*/ref/index.json, replayed with
// our CLI on the same input: stdout must equal the recorded output byte for byte (the
// recorded `db path: <scratch>/...` line gets our path), the exit code must match, and
// the input's sha256 must not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gunzipTo, requireShared, runCli, sha256File, SHARED, tempDir } from '../helpers.js';
import { dumpDbCommands, type RefCommand } from './ref.js';

function readRecorded(refDir: string, name: string): Buffer {
  const p = join(refDir, name);
  if (existsSync(p)) return readFileSync(p);
  return gunzipSync(readFileSync(p + '.gz'));
}

/** Runs `fn` over `items` with at most `width` in flight (CLI start-up dominates: overlap it). */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Replays `cmds` on `input` and checks stdout, exit code and that the input is untouched. */
async function replay(fixtureDir: string, cmds: RefCommand[], input: string): Promise<void> {
  const before = await sha256File(input);
  await pool(cmds, 4, async (c) => {
    const args = c.argv.slice(1).map((a) => (a.startsWith('<scratch>/') ? input : a));
    const r = await runCli(args);
    assert.equal(r.code, c.exit_code, `${c.argv.join(' ')}: exit ${r.code}, stderr ${r.stderr}`);
    assert.equal(r.stderr, '', `${c.argv.join(' ')} stderr`);
    let want = readRecorded(join(fixtureDir, 'ref'), c.stdout!);
    if (c.argv[1] === 'hash') {
      want = Buffer.from(want.toString('utf8').replace(/^db path: <scratch>\/\S+/, `db path: ${input}`));
    }
    assert.ok(r.stdout.equals(want), `${c.argv.join(' ')}: output differs from etcd-dump-db (got ${r.stdout.length} bytes, want ${want.length})`);
  });
  assert.equal(await sha256File(input), before, `${input} was modified`);
}

const fixtureNames = existsSync(join(SHARED, 'fixtures')) ? readdirSync(join(SHARED, 'fixtures')).sort() : ['etcd-small'];

for (const fixture of fixtureNames) {
  test(`${fixture}: list-bucket, iterate-bucket (± --decode) and hash equal the recorded etcd-dump-db outputs`, async (t) => {
    const dir = requireShared(t, `fixtures/${fixture}`);
    if (!dir) return;
    const cmds = dumpDbCommands(dir).filter((c) => c.stdout);
    if (cmds.length === 0) return;
    // Group by input file: data/member/snap/db, snapshot.db, db, or a gzipped big db.
    const byInput = new Map<string, RefCommand[]>();
    for (const c of cmds) byInput.set(c.input, [...(byInput.get(c.input) ?? []), c]);
    for (const [input, list] of byInput) {
      const local = join(SHARED, input);
      if (existsSync(local)) {
        await replay(dir, list, local);
        continue;
      }
      // big/<name>.db is the fixture's db.gz, unpacked into a temp dir.
      const gz = join(dir, 'db.gz');
      assert.ok(existsSync(gz), `no input for ${input}`);
      const tmp = tempDir();
      try {
        const path = await gunzipTo(gz, tmp.dir, basename(input));
        await replay(dir, list, path);
      } finally {
        tmp.cleanup();
      }
    }
  });
}

test('a data dir argument resolves to member/snap/db (hash prints that path)', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const r = await runCli(['hash', join(dir, 'data')]);
  assert.equal(r.code, 0, r.stderr);
  const want = readFileSync(join(dir, 'ref', 'db-etcd-dump-db-hash.out'), 'utf8').replace('<scratch>/db', join(dir, 'data', 'member', 'snap', 'db'));
  assert.equal(r.stdout.toString(), want);
  const it = await runCli(['iterate-bucket', join(dir, 'data'), 'key', '--decode']);
  assert.ok(it.stdout.equals(readFileSync(join(dir, 'ref', 'db-etcd-dump-db-iterate-bucket-key-decode.out'))));
});

test('--limit: first N lines of the reverse listing; 0 means all', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const full = readFileSync(join(dir, 'ref', 'db-etcd-dump-db-iterate-bucket-key.out'), 'utf8');
  const lines = full.split('\n');
  const db = join(dir, 'data', 'member', 'snap', 'db');
  const r5 = await runCli(['iterate-bucket', db, 'key', '--limit', '5']);
  assert.equal(r5.stdout.toString(), lines.slice(0, 5).join('\n') + '\n');
  const r0 = await runCli(['iterate-bucket', db, 'key', '--limit', '0']);
  assert.equal(r0.stdout.toString(), full);
  const bad = await runCli(['iterate-bucket', db, 'key', '--limit', '-1']);
  assert.equal(bad.code, 2);
});

test('--help of every dump-db command prints usage and exits 0', async () => {
  for (const cmd of ['list-bucket', 'iterate-bucket', 'hash']) {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, `${cmd}: ${r.stderr}`);
    assert.match(r.stdout.toString(), new RegExp(`^Usage: etcd-forensics ${cmd} `));
    assert.match(r.stdout.toString(), /-o, --output <format>/);
  }
});
