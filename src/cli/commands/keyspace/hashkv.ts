// `etcd-forensics hashkv <path> [--rev N]`: etcd's HashKV offline (read-only, unlike etcdutl).
import type { Command } from 'commander';
import { hashKV } from '../../../mvcc/keyspace/index.js';
import { stringifyJson } from '../../../io/json.js';
import { action } from '../../action.js';
import { outputOption } from '../../output/format.js';
import { parseRevision, PATH_HELP, withKeyspace } from './common.js';
import { renderTable } from './table.js';
import { etcdVersionFields, etcdVersionOption, warnEtcdVersion } from '../../etcd-version.js';
import type { EtcdVersion } from '../../../mvcc/schema/index.js';

export function registerHashKV(program: Command): void {
  program
    .command('hashkv')
    .description(
      "etcd's HashKV of the keyspace at a revision, the hash `etcdctl endpoint hashkv --rev N` returns, " +
        'computed from the file without starting etcd and without writing to it',
    )
    .argument('<path>', PATH_HELP)
    .option('--rev <revision>', 'revision to hash (0 = current revision)', parseRevision, 0)
    .addOption(etcdVersionOption())
    .addOption(outputOption(['simple', 'json', 'table'], 'simple'))
    .addHelpText(
      'after',
      '\nOutput: simple "hash, hash revision, compact revision"; json {"hash","hashRevision","compactRevision",\n' +
        '"etcdVersion","etcdVersionSource"} (source: detected|flag).\n' +
        'Revisions below the compact revision fail with "mvcc: required revision has been compacted"; at the\n' +
        'compact revision etcd 3.5 and 3.6 answer (hashing what survived the compaction), 3.4 refuses too;\n' +
        'revisions above the current one with "mvcc: required revision is a future revision".',
    )
    .action(
      action(async (out, path: string, opts: { rev: number; output: string; etcdVersion?: EtcdVersion }) => {
        const r = await withKeyspace(path, (ks) => hashKV(ks, opts.rev, { etcdVersion: opts.etcdVersion }));
        warnEtcdVersion(r.etcdVersion);
        const row = [String(r.hash), String(r.hashRevision), String(r.compactRevision)];
        if (opts.output === 'json') {
          out.line(stringifyJson({ hash: r.hash, hashRevision: r.hashRevision, compactRevision: r.compactRevision, ...etcdVersionFields(r.etcdVersion) }));
        } else if (opts.output === 'table') {
          out.write(renderTable(['HASH', 'HASH REVISION', 'COMPACT REVISION'], [row]));
        } else {
          out.line(row.join(', '));
        }
        return 0;
      }),
    );
}
