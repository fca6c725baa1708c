// `etcd-forensics analyze <path>`: where the space goes (per resource prefix, top keys).
import type { Command } from 'commander';
import { analyze, encryptionAudit, type AnalyzeReport, type EncryptionAudit } from '../../../mvcc/keyspace/index.js';
import { DecryptFailures, ENCRYPTION_CONFIG_HELP, loadEncryptionConfigFile } from '../../encryption.js';
import { stringifyJson } from '../../../io/json.js';
import { action } from '../../action.js';
import { outputOption } from '../../output/format.js';
import { escapeTerminal } from '../../../io/terminal.js';
import { parseCount, PATH_HELP, reportSkippedEntries, withKeyspace } from './common.js';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'space report of an etcd db: per resource prefix (/registry/<resource>/, else the first path segment) ' +
        'live keys, live bytes, history bytes (older versions kept until compaction), tombstones; the top keys ' +
        'by bytes of all stored versions; db pages',
    )
    .argument('<path>', PATH_HELP)
    .option('--top <n>', 'how many keys to list', parseCount, 20)
    .addOption(outputOption(['table', 'json'], 'table'))
    .option('--encryption-config <file>', `${ENCRYPTION_CONFIG_HELP}: adds an encryption audit per resource (stored by which provider and key, plain though the config encrypts, stale, undecryptable)`)
    .addHelpText(
      'after',
      '\nBytes are stored bytes: bucket key (17/18) + marshalled mvccpb.KeyValue per revision, before page overhead.',
    )
    .action(
      action(async (out, path: string, opts: { top: number; output: string; encryptionConfig?: string }) => {
        const config = loadEncryptionConfigFile(opts.encryptionConfig);
        const [r, audit] = await withKeyspace(path, async (ks) => [await analyze(ks, { top: opts.top }), config ? await encryptionAudit(ks, config) : undefined] as const);
        if (opts.output === 'json') {
          const failures = audit?.failures.map((f) => ({ etcdKey: f.etcdKey, provider: f.provider, keyName: f.keyName, reason: f.reason }));
          out.write(stringifyJson(audit ? { ...r, encryption: { resources: audit.resources, failures } } : r, 2) + '\n');
        } else out.write(renderAnalyze(r) + (audit ? renderAudit(audit) : ''));
        const failures = new DecryptFailures();
        for (const f of audit?.failures ?? []) failures.report(f);
        // the report covers the readable entries; the damage goes to stderr and sets exit 1
        return failures.exitCode(reportSkippedEntries(r));
      }),
    );
}

/** Aligned columns; `left` marks the columns padded on the right (text), others are numbers. */
function columns(rows: string[][], left: (i: number) => boolean): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n') + '\n';
}

function renderAudit(a: EncryptionAudit): string {
  const rows = [['RESOURCE', 'WRITES WITH', 'STORED AS', 'PLAIN BUT ENCRYPTED BY CONFIG', 'STALE', 'UNDECRYPTABLE']];
  for (const r of a.resources) {
    const stored = Object.entries(r.stored).map(([k, n]) => `${k}=${n}`).join(',');
    rows.push([escapeTerminal(r.resource), r.writeProvider, escapeTerminal(stored), String(r.plainButShouldBeEncrypted), String(r.stale), String(r.undecryptable)]);
  }
  return '\nencryption at rest (live values):\n' + columns(rows, (i) => i < 3);
}

/** Human-readable report (keys are displayKey()-escaped by the library). */
export function renderAnalyze(r: AnalyzeReport): string {
  const t = r.totals;
  let s = `revision ${r.revision}, compact revision ${r.compactRevision}\n`;
  const pg = r.pages;
  s += `db: ${pg.highWaterMark} pages of ${pg.pageSize} bytes = ${pg.totalBytes} bytes (file ${pg.fileBytes} bytes); ` +
    `${pg.freePages} free pages (${(pg.freeFraction * 100).toFixed(1)}%), in use ${pg.inUseBytes} bytes\n`;
  s += `keys: ${t.liveKeys} live, ${t.deletedKeys} deleted; stored bytes: ${t.liveBytes} live, ${t.historyBytes} history ` +
    `(${t.historyEntries} older entries, ${t.tombstones} tombstones)\n\n`;
  const rows = [['PREFIX', 'LIVE KEYS', 'LIVE BYTES', 'HISTORY BYTES', 'HISTORY ENTRIES', 'TOMBSTONES', 'DELETED KEYS']];
  for (const p of r.prefixes) {
    rows.push([p.prefix, String(p.liveKeys), String(p.liveBytes), String(p.historyBytes), String(p.historyEntries), String(p.tombstones), String(p.deletedKeys)]);
  }
  s += columns(rows, (i) => i === 0);
  s += `\ntop ${r.topKeys.length} keys by bytes of all stored versions:\n`;
  const krows = [['ALL VERSIONS BYTES', 'VERSIONS', 'LIVE BYTES', 'KEY']];
  for (const k of r.topKeys) krows.push([String(k.allVersionsBytes), String(k.storedVersions), k.deleted ? 'deleted' : String(k.liveBytes), k.key]);
  s += columns(krows, (i) => i === 3);
  if (r.damagedEntries) s += `\n${r.damagedEntries} damaged key-bucket entries skipped (listed on stderr)\n`;
  return s;
}
