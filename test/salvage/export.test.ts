// --export-dir paths: untrusted keys never name a file outside the directory.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { exportObjects, exportSegments, type SalvagedRevision } from '../../src/salvage/index.js';
import { tempDir } from '../helpers.js';

const k = (s: string | Uint8Array) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : s);

test('export paths: .., ., control bytes, NUL, non-ASCII and % are escaped', () => {
  assert.deepEqual(exportSegments(k('/../../etc/passwd')), ['%2E%2E', '%2E%2E', 'etc', 'passwd']);
  assert.deepEqual(exportSegments(k('/registry/pods/default/web-0')), ['registry', 'pods', 'default', 'web-0']);
  assert.deepEqual(exportSegments(k('a/./b\x00c\x1b[31m')), ['a', '%2E', 'b%00c%1B%5B31m']);
  assert.deepEqual(exportSegments(Buffer.from('/ключ/100%', 'utf8')), ['%D0%BA%D0%BB%D1%8E%D1%87', '100%25']);
  assert.deepEqual(exportSegments(k('///')), ['%']);
  const long = exportSegments(k('/' + 'x'.repeat(5000)));
  assert.equal(long.length, 1);
  assert.ok(long[0]!.length <= 200);
});

test('exportObjects: every key lands inside the directory, clashing names get ~2', () => {
  const tmp = tempDir('salvage-export-');
  try {
    const entry = (key: string, value: string): SalvagedRevision => ({
      bucket: 'key', main: 1, sub: 0, tombstone: false, bucketKey: new Uint8Array(17), raw: new Uint8Array(0), live: true,
      kv: { key: k(key), value: Buffer.from(value), createRevision: 1n, modRevision: 1n, version: 1n, lease: 0n },
    });
    const dir = join(tmp.dir, 'out');
    const r = exportObjects([entry('/../../escape', 'x'), entry('/a', '{"a":1}'), entry('/a/', 'raw'), entry('/a', 'raw2')], dir);
    assert.equal(r.files, 4);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : files.push(relative(dir, join(d, e.name)));
    };
    walk(dir);
    assert.deepEqual(files.sort(), ['%2E%2E/%2E%2E/escape.bin', 'a.bin', 'a.json', 'a~2.bin'].sort());
    assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), '{"a":1}');
    assert.throws(() => exportObjects([entry('/b', 'x')], dir), /not empty/);
  } finally {
    tmp.cleanup();
  }
});
