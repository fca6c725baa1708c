// `etcd-forensics verify`: CRC chain, frames, torn tail vs corruption, metadata, segment
// sequence, entry continuity and .snap files. Exit 0 clean, 1 findings.
import { Command } from 'commander';
import { ExitCode } from '../../../errors.js';
import { stringifyJson } from '../../../io/json.js';
import { verifyPath, type Finding, type VerifyReport } from '../../../wal/verify.js';
import { action } from '../../action.js';
import { outputOption } from '../../output/format.js';
import { escapeTerminal } from '../../../io/terminal.js';
import type { Output } from '../../output/stdout.js';

export function verifyCommand(): Command {
  return new Command('verify')
    .description(
      'Verify a WAL and its raft snapshots offline: the rolling CRC chain across records and files, frame ' +
        'lengths, torn tail (etcd drops it) vs corruption (etcd refuses to start), metadata consistency, segment ' +
        'sequence, entry index gaps, .snap CRCs and that the WAL snapshot records match the .snap files. ' +
        'Exit 0 when clean, 1 with findings.',
    )
    .argument('<path>', 'etcd data dir, WAL dir, one .wal file or one .snap file')
    .addOption(outputOption(['text', 'json'], 'text'))
    .action(
      action(async (out: Output, path: string, flags: { output: 'text' | 'json' }) => {
        const report = await verifyPath(path);
        if (flags.output === 'json') await out.line(stringifyJson(report, 2));
        else await renderText(out, report);
        return report.ok ? ExitCode.Ok : ExitCode.Findings;
      }),
    );
}

export function findingText(f: Finding): string {
  const where = [f.file, f.offset !== undefined ? `@${f.offset}` : undefined, f.record !== undefined ? `(record ${f.record})` : undefined]
    .filter(Boolean)
    .join(' ');
  return escapeTerminal(`${f.severity}: ${where ? where + ': ' : ''}${f.message}`);
}

async function renderText(out: Output, r: VerifyReport): Promise<void> {
  for (const f of r.findings) await out.line(findingText(f));
  const parts: string[] = [];
  if (r.segments.length) {
    parts.push(`${r.segments.length} WAL segment${r.segments.length === 1 ? '' : 's'}, ${r.records} records, ${r.entries} entries`);
    if (r.firstIndex !== undefined) parts.push(`index ${r.firstIndex}..${r.lastIndex}`);
    if (r.hardState) parts.push(`commit ${r.hardState.commit}`);
  }
  if (r.snapshots.length) parts.push(`${r.snapshots.length} snapshot${r.snapshots.length === 1 ? '' : 's'}`);
  const bad = r.findings.filter((f) => f.severity !== 'info').length;
  await out.line(`${escapeTerminal(r.target)}: ${parts.join(', ')}: ${bad === 0 ? 'OK' : `${bad} finding${bad === 1 ? '' : 's'}`}`);
}
