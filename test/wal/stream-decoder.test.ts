// --stream-decoder: etcd-dump-logs' line protocol (hex line in per printed entry, one
// "status|data" line out), checked with small fake decoders against the recorded
// etcd-dump-logs output lines; plus the end-to-end run with our own k8s decoder once
// `decode --batch-process` exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, requireShared, runCli, sharedPath, tempDir } from '../helpers.js';

function script(dir: string, name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `import { createInterface } from 'node:readline';\nconst rl = createInterface({ input: process.stdin });\nlet n = 0;\n${body}\n`);
  return p;
}

function refLines(fixture: string, file: string): string[] {
  return readFileSync(sharedPath('fixtures', fixture, 'ref', file), 'utf8').split('\n');
}

test('stream decoder: replies are appended as status and data columns', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const tmp = tempDir();
  try {
    const dec = script(tmp.dir, 'dec.mjs', "rl.on('line', (l) => { n++; process.stdout.write(`OK|entry-${n}:${l.length}\\n`); });");
    const r = await runCli(['dump-logs', `--stream-decoder=${process.execPath} ${dec}`, data]);
    assert.equal(r.code, 0, r.stderr);
    const ref = refLines('etcd-small', 'etcd-dump-logs.out');
    const out = r.stdout.toString().split('\n');
    // headers as recorded, plus the two decoder columns
    assert.deepEqual(out.slice(0, 7), ref.slice(0, 7));
    assert.equal(out[7], ref[7] + '\tdecoder_status\tdecoded_data');
    const entries = ref.slice(8, ref.indexOf(''));
    for (let i = 0; i < entries.length; i++) {
      const m = new RegExp(`^(.*)\\tOK\\tentry-${i + 1}:(\\d+)$`).exec(out[8 + i]!);
      assert.ok(m, out[8 + i]);
      assert.equal(m[1], entries[i]);
      assert.equal(Number(m[2]) % 2, 0, 'a hex line');
    }
    assert.equal(out.slice(8 + entries.length).join('\n'), ref.slice(8 + entries.length).join('\n'), 'count line');
  } finally {
    tmp.cleanup();
  }
});

test('stream decoder: replies with no or several "|" separators', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const tmp = tempDir();
  try {
    const dec = script(tmp.dir, 'dec.mjs', "rl.on('line', () => { n++; process.stdout.write(n % 2 ? 'no-separator\\n' : 'ERR|a|b\\n'); });");
    const r = await runCli(['dump-logs', '--entry-type=IRRCompaction,IRRDeleteRange', `--stream-decoder=${process.execPath} ${dec}`, data]);
    const lines = r.stdout.toString().split('\n');
    assert.ok(lines.some((l) => l.endsWith('\tdecoder output format is not right, print output anyway\tno-separator')));
    assert.ok(lines.some((l) => l.endsWith('\tERR(*WARNING: data might contain deliminator used by etcd-dump-logs)\tab')));
  } finally {
    tmp.cleanup();
  }
});

test('stream decoder that exits early: EOF printed, listing stops, no crash', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small/data');
  if (!data) return;
  const tmp = tempDir();
  try {
    const dec = script(tmp.dir, 'dec.mjs', "rl.on('line', () => { n++; if (n > 2) process.exit(0); process.stdout.write('OK|x\\n'); });");
    const r = await runCli(['dump-logs', `--stream-decoder=${process.execPath} ${dec}`, data]);
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.toString();
    assert.match(out, /\tOK\tx\n.*\tOK\tx\n.*EOF\n$/s);
    assert.doesNotMatch(out, /count is/);
  } finally {
    tmp.cleanup();
  }
});

test('stream decoder end to end: etcd-k8s with `etcd-forensics decode --batch-process`', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-k8s/data');
  if (!data) return;
  const help = await runCli(['decode', '--help']);
  if (!help.stdout.toString().includes('--batch-process')) {
    t.skip('decode --batch-process is not available yet');
    return;
  }
  const r = await runCli(['dump-logs', '--start-index=1', '--entry-type=IRRPut', `--stream-decoder=${process.execPath} ${CLI} decode --batch-process`, data]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.toString().split('\n').filter((l) => l.includes('/registry/configmaps/default/configmap-core-v1'));
  assert.ok(lines.length > 0);
  assert.ok(lines.every((l) => /\tOK\t/.test(l)), lines[0]);
  assert.ok(lines.some((l) => l.includes('ConfigMap')));
});
