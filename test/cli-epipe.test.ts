// A closed stdout ends every command quietly: `etcd-forensics <cmd> --help | head -1` exits 0
// with nothing on stderr (no EPIPE stack trace). Also the one-line errors for missing paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { buildProgram } from '../src/cli/main.js';
import { CLI, runCli } from './helpers.js';

test('every command and subcommand: --help | head -1 exits 0 quietly', async () => {
  const program = await buildProgram();
  const argvs: string[][] = [[]];
  for (const c of program.commands) {
    argvs.push([c.name()]);
    for (const s of c.commands) argvs.push([c.name(), s.name()]);
  }
  assert.ok(argvs.length > 10);
  for (const a of argvs) {
    const r = spawnSync('bash', ['-c', 'set -o pipefail; node "$0" "$@" --help | head -1', CLI, ...a], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${a.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, '', a.join(' '));
    assert.match(r.stdout, /^Usage: /, a.join(' '));
  }
});

test('missing paths: one line naming the path, exit 3 (decode --file, dump-logs)', async () => {
  for (const args of [
    ['decode', '--file', '/nonexistent/value'],
    ['dump-logs', '/nonexistent/data'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.match(r.stderr, /^etcd-forensics: [a-z-]+: \/nonexistent\/\w+: no such file or directory\n$/);
  }
});
