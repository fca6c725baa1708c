import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readExamples, runExample } from '../scripts/readme-examples.js';
import { requireShared } from './helpers.js';

// Every README example must show exactly what the tool prints today
// (refresh with `node dist/scripts/readme-examples.js --write`).
test('README examples are real, current outputs', (t) => {
  const examples = readExamples();
  assert.ok(examples.length > 0, 'README has examples');
  // A few examples show the reference fixtures (corrupt WAL, two snapshots) from ../shared.
  if (examples.some((ex) => ex.command.includes('../shared/')) && !requireShared(t, 'fixtures')) return;
  for (const ex of examples) {
    assert.equal(runExample(ex.command), ex.recorded, `README example is stale: $ ${ex.command}`);
  }
});

test('README shows examples/inspect.mjs as it is', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { REPO_ROOT } = await import('../scripts/readme-examples.js');
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(readFileSync(join(REPO_ROOT, 'examples', 'inspect.mjs'), 'utf8')), 'README embeds examples/inspect.mjs verbatim');
});
