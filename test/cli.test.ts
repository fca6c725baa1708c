import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.js';

test('cli: --help lists the commands and exits 0', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout.toString(), /^Usage: etcd-forensics/m);
});

test('cli: unknown command is a usage error (exit 2), one line, no stack', async () => {
  const r = await runCli(['no-such-command']);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
