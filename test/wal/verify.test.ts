// verify against the damage the fixtures document (damage.json): CRC mismatch at the
// damaged frame, torn tail at the last frame, clean etcd-small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sharedPath } from '../helpers.js';

function damage(fixture: string): { record?: { offset: number; crc: number }; last_record?: { offset: number }; last_entry_record?: { offset: number }; file: string } {
  return JSON.parse(readFileSync(sharedPath('fixtures', fixture, 'damage.json'), 'utf8'));
}

test('verify etcd-small: clean, exit 0', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const r = await runCli(['verify', data]);
  assert.equal(r.code, 0, r.stdout.toString());
  assert.match(r.stdout.toString(), /336 entries, index 1\.\.336, commit 336, 3 snapshots: OK/);
});

test('verify etcd-k8s: clean, exit 0', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-k8s/data');
  if (!data) return;
  const r = await runCli(['verify', data]);
  assert.equal(r.code, 0, r.stdout.toString());
});

test('verify etcd-small-corrupt: crc mismatch naming the file and the damaged frame offset', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small-corrupt/data');
  if (!data) return;
  const d = damage('etcd-small-corrupt');
  const r = await runCli(['verify', data]);
  assert.equal(r.code, 1);
  const out = r.stdout.toString();
  const walFile = join(data, 'member', 'wal', '0000000000000000-0000000000000000.wal');
  const line = out.split('\n').find((l) => l.startsWith('corruption:'));
  assert.ok(line, out);
  assert.ok(line.includes(`${walFile} @${d.record!.offset} `), line);
  assert.match(line, /crc mismatch/);
  assert.ok(line.includes(`stored 0x${d.record!.crc.toString(16).padStart(8, '0')} (${d.record!.crc})`), line);
  assert.equal(out.split('\n').filter((l) => l.startsWith('corruption:')).length, 1, 'only the damaged frame is reported');

  const j = await runCli(['verify', '-o', 'json', data]);
  const report = JSON.parse(j.stdout.toString()) as { ok: boolean; findings: { code: string; offset: number; file: string; actualCrc: number }[] };
  assert.equal(report.ok, false);
  assert.equal(report.findings[0]!.code, 'crc-mismatch');
  assert.equal(report.findings[0]!.offset, d.record!.offset);
  assert.equal(report.findings[0]!.actualCrc, d.record!.crc);
});

for (const [fixture, key] of [
  ['etcd-small-torn', 'last_record'],
  ['etcd-small-torn-entry', 'last_entry_record'],
] as const) {
  test(`verify ${fixture}: torn tail at the last frame, exit 1`, async (t) => {
    const data = requireShared(t, `fixtures/${fixture}/data`);
    if (!data) return;
    const offset = damage(fixture)[key]!.offset;
    const r = await runCli(['verify', data]);
    assert.equal(r.code, 1);
    const lines = r.stdout.toString().split('\n');
    const torn = lines.filter((l) => l.startsWith('torn-tail:'));
    assert.equal(torn.length, 1, r.stdout.toString());
    assert.ok(torn[0]!.includes(`0000000000000000-0000000000000000.wal @${offset} `), torn[0]);
    assert.ok(!lines.some((l) => l.startsWith('corruption:')), 'a torn tail is not called corruption');
  });
}

test('verify a single .wal file and a single .snap file', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const w = await runCli(['verify', join(data, 'member', 'wal', '0000000000000000-0000000000000000.wal')]);
  assert.equal(w.code, 0, w.stdout.toString());
  const s = await runCli(['verify', join(data, 'member', 'snap', '0000000000000002-000000000000012f.snap')]);
  assert.equal(s.code, 0, s.stdout.toString());
  assert.match(s.stdout.toString(), /1 snapshot: OK/);
});
