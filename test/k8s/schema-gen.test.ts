// The committed schema is exactly what the generator derives now from ../shared/k8s-api
// (so it is deterministic across runs and never hand-edited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, requireShared } from '../helpers.js';
import { generate } from '../../scripts/gen-k8s-schema.js';

test('committed src/k8s/schema-data.ts equals a fresh generation', (t) => {
  if (!requireShared(t, 'k8s-api/testdata')) return;
  const fresh = generate();
  const committed = readFileSync(join(REPO_ROOT, 'src', 'k8s', 'schema-data.ts'), 'utf8');
  assert.ok(fresh.text === committed, 'schema-data.ts is stale: run `npm run gen:k8s`');
  // the description rule for pointer fields never contradicts a field whose zero the data shows hidden
  assert.deepEqual(fresh.pointerHintConflicts, []);
});
