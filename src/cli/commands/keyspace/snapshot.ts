// `etcd-forensics snapshot status <file>`: etcdctl 3.4's snapshot status, plus the SHA-256
// trailer check etcdctl leaves to `snapshot restore`. stdout is what etcdctl prints; the
// trailer verdict goes to stderr so the data stays byte-identical.
import { Option, type Command } from 'commander';
import { humanizeBytes, snapshotStatus } from '../../../mvcc/keyspace/index.js';
import { stringifyJson } from '../../../io/json.js';
import { action } from '../../action.js';
import { PATH_HELP } from './common.js';
import { renderTable } from './table.js';

const FORMATS = ['simple', 'table', 'json'] as const;

export function registerSnapshot(program: Command): void {
  const snapshot = program.command('snapshot').description('inspect `etcdctl snapshot save` files (and dbs)');
  snapshot
    .command('status')
    .description(
      'HASH, REVISION, TOTAL KEYS and TOTAL SIZE exactly as `etcdctl snapshot status` (3.4) prints them, ' +
        'and the SHA-256 trailer of a snapshot file verified (ok / missing / mismatch, on stderr; mismatch exits 1)',
    )
    .argument('<file>', PATH_HELP)
    .addOption(new Option('-w, --write-out <format>', 'output format').choices(FORMATS).default('simple'))
    .addOption(new Option('-o, --output <format>', 'same as --write-out').choices(FORMATS))
    .addHelpText(
      'after',
      '\nHASH is CRC-32C over every bucket name, key and value; REVISION the main revision of the last key-bucket\n' +
        'entry; TOTAL KEYS the entries of all buckets (3.4/3.5 meaning); TOTAL SIZE meta.pgid × page size.',
    )
    .action(
      action(async (out, file: string, opts: { writeOut: string; output?: string }) => {
        // a damaged file is one error line (its first finding in it); `bolt check` lists them all
        const st = await snapshotStatus(file);
        const fmt = opts.output ?? opts.writeOut;
        const row = [st.hash.toString(16), String(st.revision), String(st.totalKey), humanizeBytes(st.totalSize)];
        if (fmt === 'json') {
          out.line(stringifyJson({ hash: st.hash, revision: st.revision, totalKey: st.totalKey, totalSize: st.totalSize }));
        } else if (fmt === 'table') {
          out.write(renderTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE'], [row]));
        } else {
          out.line(row.join(', '));
        }
        const t = st.trailer;
        if (t.state === 'ok') process.stderr.write(`sha256 trailer: ok (${t.sha256})\n`);
        else if (t.state === 'missing') process.stderr.write('sha256 trailer: missing (not an `etcdctl snapshot save` file, or it was cut)\n');
        else {
          process.stderr.write(`sha256 trailer: MISMATCH: stored ${t.stored}, computed ${t.computed}\n`);
          return 1;
        }
        return 0;
      }),
    );
}
