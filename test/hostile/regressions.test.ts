// Replays every input the fuzzer saved (test/hostile/regressions/<target>/*.bin) through
// its target: each must now be handled (decoded, or refused with a ForensicsError).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForensicsError } from '../../src/errors.js';
import { TARGETS } from '../../scripts/fuzz/targets.js';
import { REPO_ROOT } from '../helpers.js';

const DIR = join(REPO_ROOT, 'test', 'hostile', 'regressions');

test('saved fuzz findings are handled by their targets', async () => {
  const names = existsSync(DIR) ? readdirSync(DIR) : [];
  let n = 0;
  for (const target of names) {
    const t = TARGETS[target];
    assert.ok(t, `regressions/${target}: no such fuzz target`);
    for (const f of readdirSync(join(DIR, target)).filter((x) => x.endsWith('.bin'))) {
      try {
        await t.run(new Uint8Array(readFileSync(join(DIR, target, f))));
      } catch (e) {
        assert.ok(e instanceof ForensicsError, `${target}/${f}: ${String(e)}`);
      }
      n++;
    }
  }
  // the mutator and the targets themselves work on the seeds
  for (const [name, t] of Object.entries(TARGETS)) if (name === 'json') await t.run(new TextEncoder().encode('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}'));
  assert.ok(n >= 0);
});
