// `etcd-forensics diff <a> <b> [--rev N]`: per-key divergence between two members' dbs.
import type { Command } from 'commander';
import { diff, displayKey, type DiffResult, type KeyDifference } from '../../../mvcc/keyspace/index.js';
import { stringifyJson } from '../../../io/json.js';
import { action } from '../../action.js';
import { outputOption } from '../../output/format.js';
import { parseRevision, PATH_HELP, withKeyspace } from './common.js';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      "per-key divergence between two members' dbs or snapshots: keys live in only one, different mod " +
        'revision, or same mod revision with a different value/metadata; exits 1 when they differ',
    )
    .argument('<path-a>', PATH_HELP)
    .argument('<path-b>', PATH_HELP)
    .option('--rev <revision>', 'compare both at this revision (default: each at its current revision)', parseRevision)
    .addOption(outputOption(['text', 'json'], 'text'))
    .addHelpText(
      'after',
      '\nText lines: "only-in-a KEY mod=M", "only-in-b KEY mod=M", "modified KEY a.mod=M b.mod=N",\n' +
        '"content KEY mod=M differs=value,lease,...". A summary goes to stderr.',
    )
    .action(
      action(async (out, pathA: string, pathB: string, opts: { rev?: number; output: string }) => {
        const r = await withKeyspace(pathA, (a) => withKeyspace(pathB, (b) => diff(a, b, { revision: opts.rev })));
        if (opts.output === 'json') out.line(stringifyJson(diffJson(r), 2));
        else for (const d of r.differences) await out.line(diffLine(d));
        process.stderr.write(
          `${r.differences.length} difference(s): a at revision ${r.revisionA} (${r.keysA} keys), b at revision ${r.revisionB} (${r.keysB} keys)\n`,
        );
        return r.differences.length > 0 ? 1 : 0;
      }),
    );
}

export function diffLine(d: KeyDifference): string {
  const key = displayKey(d.key);
  switch (d.kind) {
    case 'only-in-a':
      return `only-in-a ${key} mod=${d.a!.modRevision}`;
    case 'only-in-b':
      return `only-in-b ${key} mod=${d.b!.modRevision}`;
    case 'modified':
      return `modified ${key} a.mod=${d.a!.modRevision} b.mod=${d.b!.modRevision}`;
    case 'content':
      return `content ${key} mod=${d.a!.modRevision} differs=${(d.fields ?? []).join(',')}`;
  }
}

function diffJson(r: DiffResult): unknown {
  return { ...r, differences: r.differences.map((d) => ({ ...d, key: displayKey(d.key) })) };
}
