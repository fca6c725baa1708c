// dump-logs -o json: one object per entry, consistent with the recorded etcd-dump-logs
// text; --redact hides values and the plaintext `user add` password etcd 3.4 logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requireShared, runCli, sharedPath } from '../helpers.js';

interface Line {
  kind: string;
  term?: number;
  index?: number;
  type?: string;
  content?: string;
  request?: Record<string, any>;
  crc?: string;
}

function parse(b: Buffer): Line[] {
  return b
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

test('dump-logs -o json agrees with the recorded etcd-dump-logs text', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const r = await runCli(['dump-logs', '-o', 'json', '--start-index=1', data]);
  assert.equal(r.code, 0, r.stderr);
  const lines = parse(r.stdout);
  const entries = lines.filter((l) => l.kind === 'entry');
  const ref = readFileSync(sharedPath('fixtures', 'etcd-small', 'ref', 'etcd-dump-logs-start-index-1.out'), 'utf8')
    .split('\n')
    .filter((l) => /^\s*\d+\t\s*\d+\t/.test(l));
  assert.equal(entries.length, ref.length);
  for (let i = 0; i < ref.length; i++) {
    const [term, index, type, text] = ref[i]!.split('\t');
    const e = entries[i]!;
    assert.equal(e.term, Number(term));
    assert.equal(e.index, Number(index));
    assert.equal(e.crc, 'ok');
    if (type === 'conf') assert.equal(e.content, 'ConfChange');
    else if (text!.startsWith('method=')) assert.equal(e.content, 'Request');
    else if (text === '') assert.equal(e.content, 'Empty');
    else assert.equal(e.content, 'InternalRaftRequest');
    const put = /^header:<[^>]*> put:<key:"([^"]*)" value:"([^"\\]*)"/.exec(text!);
    if (put) {
      assert.equal(e.request!.put.key.text, put[1]);
      assert.equal(e.request!.put.value.text, put[2]);
    }
  }
  const end = lines[lines.length - 1]!;
  assert.equal(end.kind, 'end');
});

test('dump-logs --redact hides values and passwords (text and json)', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const ref = readFileSync(sharedPath('fixtures', 'etcd-small', 'ref', 'etcd-dump-logs-start-index-1.out'), 'utf8');
  assert.ok(ref.includes('password:"alice-secret"'), 'etcd-dump-logs prints the plaintext password');
  const plain = await runCli(['dump-logs', '-o', 'json', '--start-index=1', data]);
  assert.ok(plain.stdout.toString().includes('alice-secret'));
  for (const args of [['-o', 'json'], []]) {
    const r = await runCli(['dump-logs', ...args, '--redact', '--start-index=1', data]);
    assert.equal(r.code, 0);
    const out = r.stdout.toString();
    assert.ok(!out.includes('alice-secret'), `password hidden (${args.join(' ') || 'text'})`);
    assert.ok(!out.includes('v1-000'), 'values hidden');
    assert.ok(out.includes('/app/config/key-000'), 'keys kept');
  }
});

test('dump-logs -o json --salvage decodes entries past the damaged record', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small-corrupt/data');
  if (!data) return;
  const damage = JSON.parse(readFileSync(sharedPath('fixtures', 'etcd-small-corrupt', 'damage.json'), 'utf8')) as { record: { offset: number; index: number } };
  const r = await runCli(['dump-logs', '-o', 'json', '--salvage', data]);
  assert.equal(r.code, 1);
  const lines = parse(r.stdout) as (Line & { offset?: number; problem?: string })[];
  const entries = lines.filter((l) => l.kind === 'entry');
  assert.equal(entries.length, 336, 'every entry, 1..336');
  const bad = entries.filter((e) => e.crc === 'mismatch');
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.offset, damage.record.offset);
  assert.equal(bad[0]!.index, damage.record.index);
  assert.ok(lines.some((l) => l.kind === 'problem' && l.problem === 'crc-mismatch' && l.offset === damage.record.offset));
  assert.equal(entries[entries.length - 1]!.index, 336);
});
