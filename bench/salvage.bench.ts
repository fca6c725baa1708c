// Salvage benchmark on the generated etcd-shaped db (scripts/gen-bench-db.ts: 1.15M revisions,
// ~380 MB): `salvage --no-list` (every page read in file order, the live tree walked, every
// revision checked and indexed, sorted and de-duplicated) next to our extract sizing scan.
// Best of 3 (warm page cache). Goal (issue 13): salvage within 2x the extract scan.
import { ensureBenchDb } from '../scripts/gen-bench-db.js';
import { bestOf, formatRow, measureCli } from './harness.js';

export async function run(): Promise<string[]> {
  const db = ensureBenchDb();
  const lines = [`input: ${db.path} (${(db.size / 1e6).toFixed(1)} MB, ${db.revisions} revisions)`];
  const extract = await bestOf(3, () => measureCli('extract --fields key,value-size,all-versions-value-size,version-count', ['extract', db.path, '--fields', 'key,value-size,all-versions-value-size,version-count'], db.size));
  // salvage exits 1 only when something is lost: on this undamaged db it must exit 0
  const salvage = await bestOf(3, () => measureCli('salvage --no-list', ['salvage', db.path, '--no-list'], db.size));
  lines.push(formatRow(extract), formatRow(salvage));
  lines.push(`salvage / extract: ${(salvage.seconds / extract.seconds).toFixed(2)}x time, ${((salvage.peakRssMB ?? NaN) / (extract.peakRssMB ?? NaN)).toFixed(2)}x peak RSS; goal <= 2x time`);
  return lines;
}
