// etcd-dump-db parity commands on the generated etcd-shaped db (scripts/gen-bench-db.ts:
// 1.15M revisions, ~380 MB): iterate-bucket key (plain, --decode, -o json) and hash, next
// to `cat file > /dev/null`. Best of 2 after the page cache is warm; MB/s over the file size.
import { ensureBenchDb } from '../scripts/gen-bench-db.js';
import { bestOf, formatRow, measure, measureCli } from './harness.js';

export async function run(): Promise<string[]> {
  const db = ensureBenchDb();
  const lines = [`input: ${db.path} (${(db.size / 1e6).toFixed(1)} MB, ${db.revisions} revisions)`];
  const cases: [string, string[]][] = [
    ['etcd-forensics iterate-bucket db key', ['iterate-bucket', db.path, 'key']],
    ['etcd-forensics iterate-bucket db key --decode', ['iterate-bucket', db.path, 'key', '--decode']],
    ['etcd-forensics iterate-bucket db key -o json', ['iterate-bucket', db.path, 'key', '-o', 'json']],
    ['etcd-forensics hash db', ['hash', db.path]],
  ];
  lines.push(formatRow(await bestOf(2, () => measure('cat db > /dev/null', 'cat', [db.path], { inputBytes: db.size }))));
  for (const [label, args] of cases) lines.push(formatRow(await bestOf(2, () => measureCli(label, args, db.size))));
  lines.push('reference (brief, same machine unloaded): etcd-dump-db iterate-bucket 8.3 s on a 389 MB / 1.1M-revision etcd db; cat 0.04 s');
  return lines;
}
