import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readExamples, runExample } from '../scripts/readme-examples.js';

// Every README example must show exactly what the tool prints today
// (refresh with `node dist/scripts/readme-examples.js --write`).
test('README examples are real, current outputs', () => {
  const examples = readExamples();
  assert.ok(examples.length > 0, 'README has examples');
  for (const ex of examples) {
    assert.equal(runExample(ex.command), ex.recorded, `README example is stale: $ ${ex.command}`);
  }
});
