// `etcd-forensics verify <path>...`: whatever each path is by its bytes — data dir, db,
// snapshot file, WAL dir, .wal or .snap file — checked as etcd would meet it on start.
// Exit 0 clean, 1 findings, 3 an input cannot be read.
import { Command } from 'commander';
import { ExitCode } from '../../../errors.js';
import { stringifyJson } from '../../../io/json.js';
import { verifyInputs, type InputFinding, type InputReport } from '../../../verify/index.js';
import { action } from '../../action.js';
import { outputOption } from '../../output/format.js';
import { escapeTerminal } from '../../../io/terminal.js';
import type { Output } from '../../output/stdout.js';

export function verifyCommand(): Command {
  return new Command('verify')
    .description(
      'Verify etcd files offline, each recognised by its bytes: a data dir, a db (both meta pages, bolt check, ' +
        'every key-bucket entry decodable), an `etcdctl snapshot save` file (also its SHA-256 trailer), a WAL dir or ' +
        '.wal file (CRC chain, frames, torn tail vs corruption, metadata, segment sequence, entry gaps), .snap files ' +
        "and, across a data dir, the db's consistent_index against the newest .snap and the WAL's commit, the db's " +
        "members against the WAL's conf changes, and .snap.db files. Each finding names the file, offset or page, " +
        'its severity and what etcd would do on start (refuse, repair-tail, run). With -o json: the report of the ' +
        'input, or an array of reports for several inputs. Exit 0 when clean, 1 with findings, 3 when an input cannot be read.',
    )
    .argument('<path...>', 'etcd data dir, db, snapshot file, WAL dir, .wal file or .snap file')
    .addOption(outputOption(['text', 'json'], 'text'))
    .action(
      action(async (out: Output, paths: string[], flags: { output: 'text' | 'json' }) => {
        const reports = await verifyInputs(paths);
        if (flags.output === 'json') await out.line(stringifyJson(reports.length === 1 ? reports[0] : reports, 2));
        else for (const r of reports) await renderText(out, r);
        return reports.every((r) => r.ok) ? ExitCode.Ok : ExitCode.Findings;
      }),
    );
}

export function findingText(f: InputFinding): string {
  const where = [
    f.file,
    f.offset !== undefined ? `@${f.offset}` : undefined,
    f.record !== undefined ? `(record ${f.record})` : f.page !== undefined ? `(page ${f.page})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const onStart = f.severity === 'info' ? '' : ` [etcd on start: ${f.etcdOnStart}]`;
  return escapeTerminal(`${f.severity}: ${where ? where + ': ' : ''}${f.message}${onStart}`);
}

const KIND_TEXT: Record<InputReport['kind'], string> = {
  'data-dir': 'data dir',
  'wal-dir': 'WAL dir',
  db: 'bolt db',
  'snapshot-file': 'snapshot file',
  'wal-file': 'WAL segment',
  'snap-file': 'raft snapshot',
  'empty-file': 'empty file',
  unknown: 'unknown',
};

async function renderText(out: Output, r: InputReport): Promise<void> {
  for (const f of r.findings) await out.line(findingText(f));
  const parts: string[] = [KIND_TEXT[r.kind]];
  if (r.db) {
    let d = `db txid ${r.db.txid}, ${r.db.keyBucketEntries} revisions`;
    if (r.db.consistentIndex !== undefined) d += `, consistent index ${r.db.consistentIndex}`;
    if (r.db.trailer) d += `, sha256 trailer ${r.db.trailer.state}`;
    parts.push(d);
  }
  if (r.segments.length) {
    parts.push(`${r.segments.length} WAL segment${r.segments.length === 1 ? '' : 's'}, ${r.records} records, ${r.entries} entries`);
    if (r.firstIndex !== undefined) parts.push(`index ${r.firstIndex}..${r.lastIndex}`);
    if (r.hardState) parts.push(`commit ${r.hardState.commit}`);
  }
  if (r.snapshots.length) parts.push(`${r.snapshots.length} snapshot${r.snapshots.length === 1 ? '' : 's'}`);
  const bad = r.findings.filter((f) => f.severity !== 'info').length;
  const verdict = bad === 0 ? 'OK' : `${bad} finding${bad === 1 ? '' : 's'}, etcd on start: ${r.etcdOnStart}`;
  await out.line(`${escapeTerminal(r.target)}: ${parts.join(', ')}: ${verdict}`);
}
