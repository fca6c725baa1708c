// Bolt reader benchmark on the generated etcd-shaped db (scripts/gen-bench-db.ts, >= 1.1M
// revisions, ~390 MB): full `iterate-bucket <db> key` (etcd-dump-db parity command), `bolt keys`,
// `bolt check`, next to `cat file > /dev/null`. Best of 3 after a warm-up run; MB/s over the file size.
import { ensureBenchDb } from '../scripts/gen-bench-db.js';
import { bestOf, formatRow, measure, measureCli } from './harness.js';
import { buildProgram } from '../src/cli/main.js';

function hasCommand(name: string): boolean {
  return buildProgram().commands.some((c) => c.name() === name);
}

export async function run(): Promise<string[]> {
  const db = ensureBenchDb();
  const lines = [`input: ${db.path} (${(db.size / 1e6).toFixed(1)} MB, ${db.revisions} revisions)`];
  const rows = [];
  rows.push(await bestOf(3, () => measure('cat db > /dev/null', 'cat', [db.path], { inputBytes: db.size })));
  if (hasCommand('iterate-bucket')) {
    rows.push(await bestOf(3, () => measureCli('etcd-forensics iterate-bucket db key', ['iterate-bucket', db.path, 'key'], db.size)));
  } else {
    lines.push('(iterate-bucket is not registered in this build; measuring bolt keys only)');
  }
  rows.push(await bestOf(3, () => measureCli('etcd-forensics bolt keys db key', ['bolt', 'keys', db.path, 'key'], db.size)));
  rows.push(await bestOf(3, () => measureCli('etcd-forensics bolt check db', ['bolt', 'check', db.path], db.size)));
  for (const r of rows) lines.push(formatRow(r));
  lines.push('reference (same machine, brief): etcd-dump-db iterate-bucket 8.3 s, bbolt check 2.3 s on a 389 MB / 1.1M-revision etcd db; cat 0.04 s');
  return lines;
}
