// Every recorded bbolt 1.3.6 command of every fixture (ref/index.json), run through our CLI:
// stdout and exit code must equal the recording byte for byte. The commands of one fixture run
// in one child process (cli-batch.ts calls the CLI's main() per command) to save node startups;
// bad-input.test.ts and commands.test.ts spawn the CLI binary itself.
//
// Recordings of files bbolt rewrote (input_modified_by_tool: NoFreelistSync dbs, i.e. etcd
// dbs and the nofreelistsync fixture) describe bbolt's modified copy, not the file. For those:
//  - `pages` is compared with gen-bolt's read-only `pages` of the untouched file instead;
//  - `keys`, `buckets`, `check` don't depend on the rewrite (same tree), so they must match;
//  - `info` prints only the page size, which the rewrite keeps, so it must match;
//  - `stats` counts the same tree pages (the freelist page is not in any bucket), so it must match.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { requireShared, sha256File } from '../helpers.js';
import { BOLT_FIXTURES, fixtureDb, runBatch } from './fixtures.js';

interface RefEntry {
  name: string;
  argv: string[];
  input: string;
  exit_code: number;
  stdout: string | null;
  input_modified_by_tool?: Record<string, unknown>;
}

const FIXTURES = [...BOLT_FIXTURES, 'etcd-small', 'etcd-k8s'];

function readOut(dir: string, file: string): Buffer {
  const p = join(dir, 'ref', file);
  if (existsSync(p)) return readFileSync(p);
  return gunzipSync(readFileSync(p + '.gz'));
}

for (const fixture of FIXTURES) {
  test(`bbolt parity: ${fixture}`, async (t) => {
    const dir = requireShared(t, `fixtures/${fixture}`);
    if (!dir) return;
    const refs = JSON.parse(readFileSync(join(dir, 'ref', 'index.json'), 'utf8')) as RefEntry[];
    const bolt = refs.filter((r) => r.argv[0] === 'bbolt' && r.stdout);
    assert.ok(bolt.length > 0);
    const byName = new Map(refs.map((r) => [r.name, r]));
    const inputs = new Map<string, string>();
    const runs: { args: string[]; expected: Buffer; why: string; code: number }[] = [];
    for (const r of bolt) {
      // Which file: the fixture's db (gunzipped when needed), data/member/snap/db or snapshot.db.
      const input = r.input.startsWith('big/') ? await fixtureDb(t, fixture) : join(dir, '..', '..', r.input);
      if (!input) return;
      inputs.set(input, '');
      const dbArg = r.argv.find((a) => a.startsWith('<scratch>/'))!;
      const args = r.argv.slice(1).map((a) => (a === dbArg ? input : a));
      let expected = readOut(dir, r.stdout!);
      let why = r.name;
      if (r.input_modified_by_tool && Object.keys(r.input_modified_by_tool).length && r.argv[1] === 'pages') {
        // bbolt wrote a freelist page first; compare with the read-only listing of the file as it is.
        const prefix = r.name.slice(0, r.name.length - 'bbolt-pages'.length);
        const asIs = byName.get(`${prefix}gen-bolt-pages-readonly`);
        assert.ok(asIs, `as-is pages reference for ${r.name}`);
        expected = readOut(dir, asIs.stdout!);
        why += ' (vs gen-bolt-pages-readonly: file as on disk)';
      }
      runs.push({ args: ['bolt', ...args], expected, why, code: r.exit_code });
    }
    // The read-only proof: every input's sha256 is the same after all commands ran.
    for (const input of inputs.keys()) inputs.set(input, await sha256File(input));
    const results = await runBatch(runs.map((r) => r.args));
    runs.forEach((r, k) => {
      const res = results[k]!;
      assert.equal(res.stderr, '', `${r.why}: stderr`);
      assert.equal(res.code, r.code, `${r.why}: exit code`);
      if (!res.stdout.equals(r.expected)) {
        const a = res.stdout.toString('latin1').split('\n');
        const b = r.expected.toString('latin1').split('\n');
        const i = a.findIndex((l, n) => l !== b[n]);
        assert.fail(`${r.why}: stdout differs at line ${i + 1}: got ${JSON.stringify(a[i])} want ${JSON.stringify(b[i])}`);
      }
    });
    for (const [input, before] of inputs) assert.equal(await sha256File(input), before, `${input} unchanged`);
  });
}


