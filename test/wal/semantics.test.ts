// ReadAll semantics on hand-written logs: raft overwrite, gaps, conflicting metadata,
// the CRC chain across segments, ConfChangeV2 entries, empty logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers.js';
import { verifyPath } from '../../src/wal/verify.js';
import { encodeSegment, entry, hardState, metadata, walSnapshot, type Rec } from './wal-writer.js';

const HEAD = (): Rec[] => [{ type: 4, crc: 0 }, { type: 1, data: metadata(0x10n, 0x20n) }, { type: 5, data: walSnapshot(0, 0) }];

function dataDir(dir: string, segments: Buffer[], names?: string[]): string {
  const data = join(dir, 'data');
  mkdirSync(join(data, 'member', 'wal'), { recursive: true });
  mkdirSync(join(data, 'member', 'snap'), { recursive: true });
  segments.forEach((s, i) => writeFileSync(join(data, 'member', 'wal', names?.[i] ?? `${i.toString(16).padStart(16, '0')}-${'0'.repeat(16)}.wal`), s));
  return data;
}

test('a later entry with the same index replaces it and everything after it', async () => {
  const tmp = tempDir();
  try {
    const chain = { crc: 0 };
    const seg = encodeSegment(
      [...HEAD(), { type: 2, data: entry(1, 1) }, { type: 2, data: entry(1, 2) }, { type: 2, data: entry(1, 3) }, { type: 2, data: entry(2, 2) }, { type: 3, data: hardState(2, 0x10, 2) }],
      chain,
    );
    const data = dataDir(tmp.dir, [seg]);
    const r = await runCli(['dump-logs', data]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout.toString(),
      'Snapshot:\nempty\nStart dupmping log entries from snapshot.\nWAL metadata:\nnodeID=10 clusterID=20 term=2 commitIndex=2 vote=10\n' +
        'WAL entries:\nlastIndex=2\nterm\t     index\ttype\tdata\n   1\t         1\tnorm\t\n   2\t         2\tnorm\t\n\nEntry types () count is : 2',
    );
  } finally {
    tmp.cleanup();
  }
});

test('an index gap is "wal: slice bounds out of range"', async () => {
  const tmp = tempDir();
  try {
    const seg = encodeSegment([...HEAD(), { type: 2, data: entry(1, 1) }, { type: 2, data: entry(1, 3) }], { crc: 0 });
    const data = dataDir(tmp.dir, [seg]);
    const r = await runCli(['dump-logs', data]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Failed reading WAL: wal: slice bounds out of range/);
    const rep = await verifyPath(data);
    assert.ok(rep.findings.some((f) => f.code === 'entry-gap' && /entries 2\.\.2 are missing/.test(f.message)));
  } finally {
    tmp.cleanup();
  }
});

test('conflicting metadata is reported', async () => {
  const tmp = tempDir();
  try {
    const seg = encodeSegment([...HEAD(), { type: 2, data: entry(1, 1) }, { type: 1, data: metadata(0x11n, 0x20n) }], { crc: 0 });
    const data = dataDir(tmp.dir, [seg]);
    const r = await runCli(['dump-logs', data]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Failed reading WAL: wal: conflicting metadata found/);
    const rep = await verifyPath(data);
    assert.ok(rep.findings.some((f) => f.code === 'metadata-conflict'));
  } finally {
    tmp.cleanup();
  }
});

test('the CRC chain runs across segments; a wrong crc record in the second breaks it', async () => {
  const tmp = tempDir();
  try {
    const chain = { crc: 0 };
    const s0 = encodeSegment([...HEAD(), { type: 2, data: entry(1, 1) }, { type: 2, data: entry(1, 2) }], chain);
    const carried = chain.crc;
    const s1 = encodeSegment([{ type: 4 }, { type: 1, data: metadata(0x10n, 0x20n) }, { type: 3, data: hardState(1, 0, 2) }, { type: 2, data: entry(1, 3) }], chain);
    const names = ['0000000000000000-0000000000000000.wal', '0000000000000001-0000000000000003.wal'];
    const good = dataDir(join(tmp.dir, 'good'), [s0, s1], names);
    const ok = await runCli(['dump-logs', good]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout.toString(), /\nlastIndex=3\n/);
    assert.equal((await verifyPath(good)).ok, true);

    const badChain = { crc: carried ^ 1 };
    const s1bad = encodeSegment([{ type: 4 }, { type: 1, data: metadata(0x10n, 0x20n) }, { type: 2, data: entry(1, 3) }], badChain);
    const bad = dataDir(join(tmp.dir, 'bad'), [s0, s1bad], names);
    const r = await runCli(['dump-logs', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Failed reading WAL: wal: crc mismatch \(.*0000000000000001-0000000000000003\.wal @0\)/);
    const rep = await verifyPath(bad);
    assert.ok(rep.findings.some((f) => f.code === 'crc-mismatch' && f.offset === 0 && f.file!.endsWith(names[1]!)));
  } finally {
    tmp.cleanup();
  }
});

test('ConfChangeV2 entries: not printed by the etcd-compatible text, present in JSON', async () => {
  const tmp = tempDir();
  try {
    const ccv2 = [0x08, 0x01, 0x12, 0x04, 0x08, 0x00, 0x10, 0x07];
    const seg = encodeSegment([...HEAD(), { type: 2, data: entry(1, 1) }, { type: 2, data: entry(1, 2, ccv2, 2) }], { crc: 0 });
    const data = dataDir(tmp.dir, [seg]);
    const t = await runCli(['dump-logs', data]);
    assert.match(t.stdout.toString(), /lastIndex=2\n.*count is : 1$/s);
    const j = await runCli(['dump-logs', '-o', 'json', '--entry-type=ConfChangeV2', data]);
    const entries = j.stdout.toString().split('\n').filter((l) => l.includes('"kind":"entry"'));
    assert.equal(entries.length, 1);
    assert.match(entries[0]!, /"content":"ConfChangeV2","data_bytes":8,"request":\{"transition":"ConfChangeTransitionJointImplicit","changes":\[\{"type":"ConfChangeAddNode","node_id":7\}\]\}/);
  } finally {
    tmp.cleanup();
  }
});

test('a WAL with no entries: headers without lastIndex, no panic', async () => {
  const tmp = tempDir();
  try {
    const data = dataDir(tmp.dir, [encodeSegment(HEAD(), { crc: 0 })]);
    const r = await runCli(['dump-logs', data]);
    assert.equal(r.code, 0);
    assert.match(r.stdout.toString(), /WAL entries:\nterm\t     index\ttype\tdata\n\nEntry types \(\) count is : 0$/);
    assert.match(r.stderr, /no entries after the start point/);
  } finally {
    tmp.cleanup();
  }
});
