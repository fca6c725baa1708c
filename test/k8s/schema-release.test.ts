// Release views of the schema: which release a version string selects, and bad strings.
// (What each view renders is checked against every release's reference data in codec.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinSchema, schemaForRelease } from '../../src/k8s/schema.js';
import { UsageError } from '../../src/errors.js';

test('schemaForRelease: version strings select the newest known release not newer than them', () => {
  const schema = builtinSchema();
  const releases = schema.releases;
  assert.ok(releases.length >= 2 && releases[releases.length - 1] === 'HEAD', `releases: ${releases.join(' ')}`);
  const oldest = releases[0]!;
  const [maj, min] = oldest.split('.').map(Number) as [number, number];
  assert.equal(schemaForRelease(oldest).release, oldest);
  assert.equal(schemaForRelease(`v${oldest}.7`).release, oldest);
  // every numbered release selects itself, in any spelling
  for (const r of releases.slice(0, -1)) {
    assert.equal(schemaForRelease(r).release, r);
    assert.equal(schemaForRelease(`v${r}.0`).release, r);
  }
  // a release missing from the data behaves as the known one before it
  for (let i = 1; i < releases.length - 1; i++) {
    const [a, b] = [releases[i - 1]!, releases[i]!].map((r) => Number(r.split('.')[1]));
    if (b! - a! > 1) assert.equal(schemaForRelease(`1.${a! + 1}`).release, releases[i - 1]);
  }
  // newer than every numbered release, or HEAD: the schema itself (newest behaviour)
  const lastMinor = Number(releases[releases.length - 2]!.split('.')[1]);
  assert.equal(schemaForRelease(`1.${lastMinor + 1}`), schema);
  assert.equal(schemaForRelease('HEAD'), schema);
  assert.equal(schemaForRelease('1.99.0'), schema);
  // views are built once
  assert.equal(schemaForRelease(oldest), schemaForRelease(`v${oldest}`));
  assert.throws(() => schemaForRelease(`${maj}.${min - 1}`), (e) => e instanceof UsageError && /older than the oldest/.test(e.message));
  for (const bad of ['', 'latest', '1', '1.x', '1.29-rc1'])
    assert.throws(() => schemaForRelease(bad), (e) => e instanceof UsageError && /expected a version like 1\.29/.test(e.message), bad);
});

test('schemaForRelease: a view shares no message types with the schema and keeps every field', () => {
  const schema = builtinSchema();
  const view = schemaForRelease(schema.releases[0]!);
  assert.equal(view.types.length, schema.types.length);
  const own = new Set(schema.types);
  for (const t of view.types) assert.ok(!own.has(t));
  view.types.forEach((t, i) => assert.deepEqual(t.fields.map((f) => [f.no, f.name]), schema.types[i]!.fields.map((f) => [f.no, f.name])));
  for (const [k, t] of view.kinds) assert.equal(t.index, schema.kinds.get(k)!.index);
});
