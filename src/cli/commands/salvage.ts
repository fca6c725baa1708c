// `etcd-forensics salvage <db | data dir>`: every key out of a damaged db (src/salvage), listed
// like extract, exported one file per object, or rebuilt into a fresh db etcd can restore.
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import { stringifyJson } from '../../io/json.js';
import { goJsonMarshal, decodeValue, displayKey } from '../../mvcc/keyspace/index.js';
import { writeEtcdDb } from '../../mvcc/write/index.js';
import { exportObjects, salvageDb, type PageReport, type Salvage, type SalvageReport, type SalvagedRevision } from '../../salvage/index.js';
import { action } from '../action.js';
import { escapeTerminal } from '../../io/terminal.js';
import type { Output } from '../output/stdout.js';
import { parseCount, parseRevision } from './keyspace/common.js';

const FIELDS = ['key', 'value-size', 'all-versions-value-size', 'version-count', 'value', 'create-revision', 'mod-revision', 'version', 'lease', 'stored-versions', 'all-versions-stored-bytes'] as const;

interface SalvageOptions {
  rev: number;
  fields: string;
  output: 'text' | 'json';
  exportDir?: string;
  toDb?: string;
  snapshotHash?: boolean;
  pageSize?: number;
  includeCompacted?: boolean;
  certainOnly?: boolean;
  pages?: boolean;
  list: boolean;
}

export function registerSalvageCommands(program: Command): void {
  program
    .command('salvage')
    .description('Recover every readable key of a damaged etcd db, page by page, without trusting its metas, branch pages or freelist')
    .argument('<path>', 'db file, etcd data dir (→ member/snap/db) or snapshot file (read only)')
    .option('--rev <revision>', 'list/export the keyspace at this revision (0 = the newest recovered)', parseRevision, 0)
    .option('--fields <list>', `comma-separated fields per listed key: ${FIELDS.join(', ')}`, 'key')
    .option('--no-list', 'do not list the recovered keys on stdout')
    .addOption(new Option('-o, --output <format>', 'text: listing on stdout, report on stderr; json: one document {report, keys} on stdout').choices(['text', 'json']).default('text'))
    .option('--export-dir <dir>', 'write one file per live object: <dir>/<key path>.yaml (Kubernetes), .json, .bin (other bytes); the dir must be new or empty')
    .option('--to-db <file>', 'write a fresh etcd db with every recovered revision and bucket (a new file; never the input)')
    .option('--snapshot-hash', 'with --to-db: append the SHA-256 trailer so `etcdctl snapshot restore` needs no --skip-hash-check')
    .option('--page-size <bytes>', 'page size when the metas are destroyed (default: probe as bbolt does, then by content)', parseCount)
    .option('--certain-only', 'list/export only keys whose newest revision is known to be recovered (not those a lost page may have updated)')
    .option('--include-compacted', 'keep stale copies of revisions the live tree compacted away (older history)')
    .option('--pages', 'print one line per page to stderr: pgid, kind, read/skipped, why')
    .addHelpText(
      'after',
      `
Exit status: 0 when the whole db was read; 1 when anything was lost or damaged (the report
says what); 2 on bad usage. The input is opened read-only and never written.

Examples:
  etcd-forensics salvage member/snap/db --fields key,mod-revision,version
  etcd-forensics salvage data-dir --export-dir recovered/ --no-list
  etcd-forensics salvage broken.db --to-db rebuilt.db --snapshot-hash
  etcdctl snapshot restore rebuilt.db --data-dir new-data-dir`,
    )
    .action(
      action(async (out, path: string, opts: SalvageOptions) => {
        const fields = opts.fields.split(',').map((f) => f.trim());
        for (const f of fields) if (!(FIELDS as readonly string[]).includes(f)) throw new UsageError(`unrecognized field: ${f}`);
        if (opts.snapshotHash && !opts.toDb) throw new UsageError('--snapshot-hash needs --to-db');
        const onPage = opts.pages ? (p: PageReport) => void process.stderr.write(pageLine(p) + '\n') : undefined;
        const s = await salvageDb(path, { pageSize: opts.pageSize, includeCompacted: opts.includeCompacted, onPage });
        try {
          return await run(out, s, opts, fields);
        } finally {
          await s.close();
        }
      }),
    );
}

function pageLine(p: PageReport): string {
  return `page ${p.pgid} @${p.offset}: ${p.kind} ${p.status}${p.live ? ' live' : ''} entries=${p.entries}${p.rejected ? ` rejected=${p.rejected}` : ''}${p.why ? ` (${p.why})` : ''}`;
}

async function run(out: Output, s: Salvage, opts: SalvageOptions, fields: string[]): Promise<number> {
  const r = s.report;
  const rev = opts.rev > 0 ? opts.rev : r.currentRevision;
  const live = opts.list || opts.exportDir ? await s.keyspaceAt(opts.rev, { certainOnly: opts.certainOnly }) : [];
  const listed = opts.list ? await listing(s, live, rev, fields) : [];
  let exported: ReturnType<typeof exportObjects> | undefined;
  if (opts.exportDir) exported = exportObjects(live, opts.exportDir);
  let written: Awaited<ReturnType<typeof writeEtcdDb>> | undefined;
  if (opts.toDb) written = await writeEtcdDb({ revisions: s.revisions(), ...s.extras() }, opts.toDb, { pageSize: r.pageSize, snapshotHash: opts.snapshotHash });
  if (opts.output === 'json') {
    out.line(stringifyJson({ report: r, revision: rev, keys: listed.map((l) => l.json), exported, toDb: written }, 2));
  } else {
    for (const l of listed) {
      const p = out.line(l.text);
      if (p) await p;
    }
    process.stderr.write(summary(r, rev, exported, written));
  }
  return r.lost ? 1 : 0;
}

async function listing(s: Salvage, live: SalvagedRevision[], rev: number, fields: string[]): Promise<{ text: string; json: Record<string, unknown> }[]> {
  // per-key totals over every recovered revision <= rev (stored-versions, all-versions sizes)
  const totals = new Map<string, [number, number, number]>();
  if (fields.some((f) => f.startsWith('all-versions') || f === 'stored-versions')) {
    for await (const e of s.revisions()) {
      if (e.main > rev) break;
      const k = Buffer.from(e.kv.key).toString('latin1');
      const t = totals.get(k) ?? [0, 0, 0];
      t[0]++;
      if (!e.tombstone) t[1] += e.kv.value.length;
      t[2] += e.bucketKey.length + e.raw.length;
      totals.set(k, t);
    }
  }
  return live.map((e) => {
    const t = totals.get(Buffer.from(e.kv.key).toString('latin1')) ?? [0, 0, 0];
    const v = (f: string): string => {
      switch (f) {
        case 'key':
          return displayKey(e.kv.key);
        case 'value-size':
          return String(e.kv.value.length);
        case 'all-versions-value-size':
          return String(t[1]);
        case 'version-count':
        case 'version':
          return String(e.kv.version);
        case 'value': {
          const d = decodeValue(e.kv.value);
          return d.object !== undefined ? goJsonMarshal(d.object) : 'null';
        }
        case 'create-revision':
          return String(e.kv.createRevision);
        case 'mod-revision':
          return String(e.kv.modRevision);
        case 'lease':
          return String(e.kv.lease);
        case 'stored-versions':
          return String(t[0]);
        default:
          return String(t[2]);
      }
    };
    const json: Record<string, unknown> = {};
    for (const f of fields) json[f] = f === 'value' ? (decodeValue(e.kv.value).object ?? null) : f === 'key' ? displayKey(e.kv.key) : Number(v(f));
    if (e.uncertain) json.uncertain = true;
    return { text: fields.map(v).join(' '), json };
  });
}

function summary(r: SalvageReport, rev: number, exported: ReturnType<typeof exportObjects> | undefined, written: Awaited<ReturnType<typeof writeEtcdDb>> | undefined): string {
  const lines = [
    `salvage: ${r.file}: ${r.pagesScanned} pages of ${r.pageSize} bytes (page size from ${r.pageSizeFrom}); ${r.pagesRead} read, ${r.pagesSkipped} skipped, ${r.pagesDamaged} damaged`,
    `salvage: live tree: ${r.liveTree.meta === undefined ? 'none (no readable meta and root)' : `meta ${r.liveTree.meta} txid ${r.liveTree.txid} root ${r.liveTree.root}, ${r.liveTree.complete ? 'complete' : 'incomplete'}`}`,
    `salvage: ${r.keysRecovered} keys, ${r.revisionsRecovered} revisions recovered (${r.revisionsFromOtherPages} from pages outside the live tree); ${r.liveKeys} keys live at revision ${rev === r.currentRevision ? `${rev} (newest)` : rev}; compact revision ${r.compactRevision}`,
  ];
  if (r.compactedRevisionsDropped) lines.push(`salvage: ${r.compactedRevisionsDropped} stale copies of compacted revisions left out (--include-compacted keeps them)`);
  if (r.conflictingCopies) lines.push(`salvage: ${r.conflictingCopies} revisions found with different bytes in different pages (the live copy, else the first, kept)`);
  if (r.entriesRejected) lines.push(`salvage: ${r.entriesRejected} entries refused (bad bounds, shape or value)`);
  for (const l of r.lostRanges) lines.push(`salvage: lost: bucket ${l.bucket} page ${l.pgid}${l.fromRevision !== undefined || l.toRevision !== undefined ? ` (revisions ${l.fromRevision ?? '?'}..${l.toRevision ?? '?'})` : ''}: ${l.why}`);
  for (const k of r.keysValueLost) lines.push(`salvage: value lost: ${k.key} at revision ${k.revision}`);
  if (r.keysValueLostCount > r.keysValueLost.length) lines.push(`salvage: ... ${r.keysValueLostCount - r.keysValueLost.length} more keys with a lost value`);
  for (const g of r.missingRevisions.slice(0, 10)) lines.push(`salvage: missing revisions ${g.from}..${g.to ?? '(newest unknown)'}`);
  if (r.keysAtRiskCount) lines.push(`salvage: ${r.keysAtRiskCount} live keys are uncertain: a newer revision may be lost (first: ${r.keysAtRisk.slice(0, 5).join(', ')}; --certain-only leaves them out)`);
  for (const p of r.damagedPages.slice(0, 20)) lines.push(`salvage: damaged: ${pageLine(p)}`);
  if (exported) lines.push(`salvage: exported ${exported.files} objects (${exported.yaml} yaml, ${exported.json} json, ${exported.bin} bin)`);
  if (written) lines.push(`salvage: wrote ${written.path}: ${written.revisions} revisions, current revision ${written.currentRevision}, ${written.size} bytes`);
  lines.push(r.lost ? 'salvage: some data was lost or damaged (exit 1)' : 'salvage: the whole db was read');
  return lines.map((l) => escapeTerminal(l) + '\n').join('');
}
