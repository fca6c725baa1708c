// `etcd-forensics replay` and `timeline`: the WAL applied offline on top of the db.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { replayWal, writeReplayedDb, timelineOf, type KeyChange, type ReplayOptions, type Replay, type TimelineRow, type ReplaySummary } from '../../replay/index.js';
import { openKeyspace } from '../../mvcc/keyspace/index.js';
import { UsageError } from '../../errors.js';
import { stringifyJson } from '../../io/json.js';
import { action } from '../action.js';
import { escapeTerminal } from '../../io/terminal.js';
import type { Output } from '../output/stdout.js';
import { extractKey, extractListing, type ExtractOptions } from './keyspace/extract.js';

function parseBig(v: string): bigint {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer');
  return BigInt(v);
}

/** The replay options, as commander parses them. */
type CommonOptions = ReplayOptions;

function addReplayOptions(c: Command): Command {
  return c
    .option('--db <file>', 'start from this db or snapshot file (default: <data dir>/member/snap/db)')
    .option('--from-empty', 'start from an empty store at index 0 (no db; the WAL must start at index 1)')
    .option('--to-index <N>', 'apply entries up to raft index N', parseBig)
    .option('--include-uncommitted', 'also apply entries after HardState.commit (marked uncommitted)')
    .option('--salvage', 'continue past bad WAL records with the next valid frame (gaps are reported)')
    .addOption(new Option('--min-lease-ttl <seconds>', "etcd's minimum lease TTL (3/2 of the election timeout, rounded up)").argParser(parseBig).default(2n, '2'));
}

function replayOptions(o: CommonOptions): ReplayOptions {
  return {
    db: o.db,
    fromEmpty: o.fromEmpty,
    toIndex: o.toIndex,
    toRevision: o.toRevision,
    includeUncommitted: o.includeUncommitted,
    salvage: o.salvage,
    minLeaseTtl: o.minLeaseTtl,
  };
}

/** Findings on stderr, one line each; returns 1 when the WAL was damaged or did not continue the db. */
function reportFindings(s: ReplaySummary, quiet = false): number {
  for (const f of s.findings) {
    const where = [f.file, f.offset !== undefined ? `offset ${f.offset}` : undefined, f.index !== undefined ? `index ${f.index}` : undefined].filter(Boolean).join(' ');
    process.stderr.write(`etcd-forensics: ${where ? `${escapeTerminal(where, true)}: ` : ''}${escapeTerminal(f.message, true)}\n`);
  }
  if (!quiet) {
    process.stderr.write(
      `etcd-forensics: replayed ${s.entriesApplied} entries (index ${s.start.consistentIndex + 1n}..${s.appliedIndex}, commit ${s.commitIndex}) on ${s.start.db ?? 'an empty store'}: revision ${s.start.revision} → ${s.revision}, ${s.changes} key changes\n`,
    );
  }
  return s.findings.some((f) => f.code === 'bad-record' || f.code === 'wal-gap' || f.code === 'undecodable-entry' || f.code === 'term-mismatch') ? 1 : 0;
}

interface ReplayCliOptions extends CommonOptions, Omit<ExtractOptions, 'revision' | 'file'> {
  onlyWal?: boolean;
  toDb?: string;
}

export function registerReplayCommands(program: Command): void {
  addReplayOptions(
    program
      .command('replay')
      .description("Apply the WAL's committed entries after the db's consistent index, as etcd does, and print the keyspace")
      .argument('<data-dir>', 'etcd data dir (member/wal and member/snap/db)'),
  )
    .option('--to-revision <R>', 'stop once the store reaches revision R', parseBig)
    .option('--only-wal', 'print only the writes that are in the WAL and not in the db (one per line: index revision op key)')
    .option('--to-db <file>', 'write the replayed keyspace as a new etcd db (refuses an existing file)')
    .option('-k, --key <key>', 'etcd key to print the value of')
    .option('--keys-by-prefix <prefix>', "list only keys with this prefix ('' = all)")
    .option('--fields <list>', 'comma-separated fields per listed key (as extract)', 'key')
    .option('--template <text>', 'template per listed key (as extract)')
    .option('--filter <constraints>', 'keep listed keys whose fields equal values (as extract)')
    .addOption(new Option('-o, --output <format>', 'value output format; with --only-wal, json = one JSON object per line').choices(['yaml', 'json', 'proto']).default('yaml'))
    .addHelpText(
      'after',
      `
The keyspace after replay is printed as \`extract\` prints a db (same flags and output).
Progress and findings (gaps, bad records, failed requests) go to stderr; exit 1 when the
WAL is damaged or does not continue the db.

Examples:
  etcd-forensics replay data-dir --keys-by-prefix /registry/pods --fields key,mod-revision,version
  etcd-forensics replay data-dir --only-wal
  etcd-forensics replay data-dir --to-index 1200 -k /registry/deployments/default/web -o json
  etcd-forensics replay data-dir --to-db recovered.db`,
    )
    .action(
      action(async (out, dataDir: string, opts: ReplayCliOptions) => {
        if (opts.toIndex !== undefined && opts.toRevision !== undefined) throw new UsageError('--to-index and --to-revision may not be used together');
        if (opts.key !== undefined && opts.keysByPrefix) throw new UsageError('--keys-by-prefix and --key may not be used together');
        const replay = await replayWal(dataDir, replayOptions(opts));
        const changes: KeyChange[] = [];
        const rows: string[] = [];
        let term = 0n;
        for await (const e of replay.entries()) {
          term = e.term;
          for (const c of e.result?.changes ?? []) {
            changes.push(c);
            if (opts.onlyWal) rows.push(onlyWalLine(e.index, e.term, c, opts.output === 'json', e.uncommitted));
          }
        }
        const code = reportFindings(replay.summary());
        if (opts.onlyWal) {
          for (const r of rows) await out.line(r);
          if (opts.toDb) await writeReplayedDb({ replay, changes, lastTerm: term }, opts.toDb);
          return code;
        }
        return (await printKeyspace(out, replay, changes, term, opts)) || code;
      }),
    );

  addReplayOptions(
    program
      .command('timeline')
      .description('One row per write the WAL replay applies: raft term/index, revision, op, key, and for Kubernetes objects kind, namespace/name, uid, manager and a field-level change summary')
      .argument('<data-dir>', 'etcd data dir (member/wal and member/snap/db)'),
  )
    .option('--key-prefix <prefix>', 'only keys with this prefix')
    .option('--kind <kind>', 'only objects of this kind (case-insensitive)')
    .option('--namespace <ns>', 'only objects in this namespace')
    .option('--name <name>', 'only objects with this name')
    .option('--since <time>', 'only writes whose newest managedFields time is at or after this RFC 3339 time')
    .option('--until <time>', 'only writes whose newest managedFields time is at or before this RFC 3339 time')
    .option('--from-index <N>', 'only entries from raft index N', parseBig)
    .addOption(new Option('-o, --output <format>', 'table, or json (one object per line)').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      `
Ops: create, update, delete. Deletes caused by a lease revocation (an expiry or an explicit
revoke: the WAL does not tell them apart) say "deleted (lease <id> revoked)".
Values are diffed against the previous version in the replayed state (the db's, for the
first write after it). metadata.resourceVersion/managedFields/generation are not listed;
any change under status is "status changed".

Examples:
  etcd-forensics timeline data-dir --kind Deployment --namespace default
  etcd-forensics timeline data-dir --from-empty --since 2026-01-01T10:00:00Z -o json`,
    )
    .action(
      action(async (out, dataDir: string, opts: CommonOptions & { keyPrefix?: string; kind?: string; namespace?: string; name?: string; since?: string; until?: string; fromIndex?: bigint; output: 'table' | 'json' }) => {
        for (const t of [opts.since, opts.until]) if (t !== undefined && Number.isNaN(Date.parse(t))) throw new UsageError(`not an RFC 3339 time: ${t}`);
        const replay = await replayWal(dataDir, replayOptions(opts));
        if (opts.output === 'table') await out.line(['INDEX', 'TERM', 'REV', 'OP', 'KIND', 'NAMESPACE/NAME (or KEY)', 'MANAGER', 'TIME', 'CHANGES'].join('\t'));
        for await (const row of timelineOf(replay, opts)) await out.line(opts.output === 'json' ? timelineJson(row) : timelineTable(row));
        return reportFindings(replay.summary(), true);
      }),
    );
}

function onlyWalLine(index: bigint, term: bigint, c: KeyChange, json: boolean, uncommitted: boolean): string {
  const key = Buffer.from(c.key, 'latin1');
  if (json) {
    const o: Record<string, unknown> = { index, term, revision: c.main, sub: c.sub, op: c.op, key: key.toString('utf8') };
    if (c.op === 'put') Object.assign(o, { create_revision: c.kv.createRevision, version: c.kv.version, lease: c.kv.lease, value_size: c.kv.value.length });
    if (c.revokedLease !== undefined) o.revoked_lease = c.revokedLease;
    if (uncommitted) o.uncommitted = true;
    return stringifyJson(o);
  }
  return `${index} ${c.main}.${c.sub} ${c.op} ${escapeTerminal(key.toString('utf8'))}${uncommitted ? ' (uncommitted)' : ''}`;
}

async function printKeyspace(out: Output, replay: Replay, changes: KeyChange[], term: bigint, opts: ReplayCliOptions): Promise<number> {
  const tmp = opts.toDb ? undefined : mkdtempSync(join(tmpdir(), 'etcd-forensics-replay-'));
  const path = opts.toDb ?? join(tmp!, 'db');
  try {
    await writeReplayedDb({ replay, changes, lastTerm: term }, path);
    const ks = await openKeyspace(path);
    try {
      const eo: ExtractOptions = { ...opts, revision: 0 };
      return opts.key !== undefined ? await extractKey(out, ks, eo) : await extractListing(out, ks, eo);
    } finally {
      await ks.close();
    }
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function timelineJson(r: TimelineRow): string {
  return stringifyJson(r);
}

function timelineTable(r: TimelineRow): string {
  const who = r.name !== undefined ? `${r.namespace ? `${r.namespace}/` : ''}${r.name}` : r.key;
  return [r.index, r.term, r.revision, r.op, r.kind ?? '-', escapeTerminal(who), r.manager ?? '-', r.time ?? '-', escapeTerminal(r.changes.join(', '))].join('\t');
}
