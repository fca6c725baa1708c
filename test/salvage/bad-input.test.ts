// salvage on input that is not a db, or has nothing left: a one-line error or a report, exit
// 1, no stack trace, no hang; a forced page size is honoured; the input is never written.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, copyFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { salvageDb } from '../../src/salvage/index.js';
import { requireShared, runCli, tempDir, xorshift32 } from '../helpers.js';

test('salvage: not a bolt file, random bytes, zeros, a tiny file: one-line errors, exit 1', async () => {
  const tmp = tempDir('salvage-bad-');
  try {
    const rnd = xorshift32(99);
    const random = Buffer.alloc(1 << 20);
    for (let i = 0; i < random.length; i += 4) random.writeUInt32LE(rnd(), i);
    const cases: [string, Buffer][] = [
      ['text.db', Buffer.from('this is not a bolt database\n'.repeat(5000))],
      ['random.db', random],
      ['zeros.db', Buffer.alloc(1 << 20)],
      ['tiny.db', Buffer.from('x')],
    ];
    for (const [name, bytes] of cases) {
      const p = join(tmp.dir, name);
      writeFileSync(p, bytes);
      const r = await runCli(['salvage', p]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.match(r.stderr, /salvage: /);
      assert.ok(readFileSync(p).equals(bytes), 'input untouched');
    }
    const z = await runCli(['salvage', join(tmp.dir, 'zeros.db')]);
    assert.match(z.stderr, /no page size fits.*--page-size/);
    // with a page size forced, a file of zeros is scanned and reported: nothing recovered
    const forced = await runCli(['salvage', join(tmp.dir, 'zeros.db'), '--page-size', '4096', '-o', 'json']);
    assert.equal(forced.code, 1);
    const doc = JSON.parse(forced.stdout.toString()) as { report: { pagesScanned: number; revisionsRecovered: number; pageKinds: { zero: number } } };
    assert.equal(doc.report.pagesScanned, 256);
    assert.equal(doc.report.revisionsRecovered, 0);
    assert.equal(doc.report.pageKinds.zero, 254);
    const bad = await runCli(['salvage', join(tmp.dir, 'zeros.db'), '--page-size', '3000']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a power of two/);
  } finally {
    tmp.cleanup();
  }
});

test('salvage: a wrong --page-size passes nothing as data; a file cut in its first pages is reported', async (t) => {
  const fx = requireShared(t, 'fixtures/etcd-k8s');
  if (!fx) return;
  const tmp = tempDir('salvage-bad-');
  try {
    const p = join(tmp.dir, 'db');
    copyFileSync(join(fx, 'data/member/snap/db'), p);
    const s = await salvageDb(p, { pageSize: 8192 });
    try {
      assert.equal(s.report.revisionsRecovered, 0, 'pages read at the wrong size name other ids');
      assert.equal(s.report.lost, true);
    } finally {
      await s.close();
    }
    // the file cut inside its first pages: a report, not a crash
    truncateSync(p, 3 * 4096 + 100);
    const r = await runCli(['salvage', p, '--no-list']);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  } finally {
    tmp.cleanup();
  }
});
