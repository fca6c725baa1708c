// Keyspace benchmark on the generated etcd-shaped db (scripts/gen-bench-db.ts: 1.15M
// revisions, ~380 MB): `extract --fields key,value-size,all-versions-value-size,version-count`
// (the acceptance case), `hashkv` at the current revision and `analyze`, next to
// `cat file > /dev/null`. Best of 3 after the page cache is warm.
// Goal: extract under 0.5x etcd-dump-db iterate-bucket on the same key bucket (8.3 s warm on a
// 389 MB, 1.1M-revision db on the reference machine → < 4.15 s) with peak RSS < 400 MB.
import { ensureBenchDb } from '../scripts/gen-bench-db.js';
import { bestOf, formatRow, measure, measureCli } from './harness.js';

export async function run(): Promise<string[]> {
  const db = ensureBenchDb();
  const lines = [`input: ${db.path} (${(db.size / 1e6).toFixed(1)} MB, ${db.revisions} revisions)`];
  const rows = [await bestOf(3, () => measure('cat db > /dev/null', 'cat', [db.path], { inputBytes: db.size }))];
  const cases: [string, string[]][] = [
    ['extract --fields key,value-size,all-versions-value-size,version-count', ['extract', db.path, '--fields', 'key,value-size,all-versions-value-size,version-count']],
    ['hashkv (current revision)', ['hashkv', db.path]],
    ['analyze', ['analyze', db.path]],
  ];
  for (const [label, args] of cases) rows.push(await bestOf(3, () => measureCli(label, args, db.size)));
  for (const r of rows) lines.push(formatRow(r));
  lines.push('goal: extract < 4.15 s (0.5x etcd-dump-db iterate-bucket 8.3 s on the reference machine), peak RSS < 400 MB');
  return lines;
}
