// `etcd-forensics dump-logs`: etcd-dump-logs 3.4 output byte for byte (text), one JSON
// object per entry (-o json), or every frame with its CRC status (--raw, salvage mode).
import { Command, Option } from 'commander';
import { UsageError, ExitCode, ReadError } from '../../../errors.js';
import { statPath } from '../../../io/byte-source.js';
import { stringifyJson } from '../../../io/json.js';
import { decodeHardState, decodeWalMetadata, decodeWalSnapshot, decodeEntry, ENTRY_TYPE_NAMES } from '../../../proto/messages.js';
import { dumpLogs, type DumpLogsResult } from '../../../wal/dump-logs.js';
import { EntryView, entryFilters, matchEntry } from '../../../wal/entry-kind.js';
import { entryJson } from '../../../wal/entry-json.js';
import { readWalAll, walEntries } from '../../../wal/read-all.js';
import { listWalDir, findSequenceGap } from '../../../wal/names.js';
import { walEvents, hex32, type WalEvent } from '../../../wal/records.js';
import { loadNewestSnapshot } from '../../../snap/load.js';
import { readSnapFile } from '../../../snap/snap-file.js';
import { idHex } from '../../../wal/dump-logs-text.js';
import { action } from '../../action.js';
import type { Output } from '../../output/stdout.js';
import { spawnStreamDecoder } from './stream-decoder.js';
import { join } from 'node:path';
import { escapeTerminal } from '../../../io/terminal.js';
import { DecryptFailures, ENCRYPTION_CONFIG_HELP, loadEncryptionConfigFile } from '../../encryption.js';
import { decryptStorageValue, DecryptionError, parseEncryptionEnvelope, type EncryptionConfig } from '../../../k8s/encryption/index.js';
import { bytesJson } from '../../../proto/json.js';
import type { EntryJson } from '../../../wal/entry-json.js';
import type { DecodedMessage } from '../../../proto/decode.js';

interface DumpLogsFlags {
  startIndex?: string;
  startSnap?: string;
  entryType?: string;
  streamDecoder?: string;
  walDir?: string;
  output: 'text' | 'json';
  raw?: boolean;
  redact?: boolean;
  salvage?: boolean;
  encryptionConfig?: string;
  encryption?: EncryptionConfig;
  failures?: DecryptFailures;
}

/**
 * With --encryption-config (-o json): each put's `k8s:enc:` value (IRR put and txn request_put)
 * gets `value_decrypted: {provider, key_name, value}` beside the stored value; a value that does
 * not decrypt is reported on stderr and left as stored.
 */
function addDecryptedPuts(j: EntryJson, view: EntryView, flags: DumpLogsFlags): void {
  if (!flags.encryption || flags.redact || !j.request) return;
  const rr = view.internalRaftRequest();
  if (!rr) return;
  const one = (put: DecodedMessage | undefined, json: Record<string, unknown> | undefined): void => {
    const value = put?.['value'];
    const key = put?.['key'];
    if (!json || !(value instanceof Uint8Array) || !parseEncryptionEnvelope(value)) return;
    const etcdKey = key instanceof Uint8Array ? Buffer.from(key).toString('utf8') : '';
    try {
      const r = decryptStorageValue(value, { config: flags.encryption!, etcdKey });
      json['value_decrypted'] = { provider: r.provider, key_name: r.keyName, value: bytesJson(r.data) };
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      flags.failures!.report(e);
    }
  };
  const req = j.request as Record<string, unknown>;
  one(rr['put'] as DecodedMessage | undefined, req['put'] as Record<string, unknown> | undefined);
  const txn = rr['txn'] as DecodedMessage | undefined;
  const txnJson = req['txn'] as Record<string, unknown> | undefined;
  for (const side of ['success', 'failure']) {
    const ops = (txn?.[side] as DecodedMessage[] | undefined) ?? [];
    const opsJson = (txnJson?.[side] as Record<string, unknown>[] | undefined) ?? [];
    ops.forEach((op, i) => one(op['request_put'] as DecodedMessage | undefined, opsJson[i]?.['request_put'] as Record<string, unknown> | undefined));
  }
}

export function dumpLogsCommand(): Command {
  return new Command('dump-logs')
    .description(
      'Dump the raft log (WAL) of an etcd data dir. Text output is byte-identical to etcd-dump-logs 3.4 ' +
        '(same headers, filters and exit status); -o json gives one object per entry; --raw lists every ' +
        'frame with its CRC and keeps going past damaged records.',
    )
    .argument('<data-dir>', 'etcd data dir (holding member/wal and member/snap)')
    .option('--start-index <n>', 'dump entries after this raft index (exclusive, as etcd-dump-logs 3.4)')
    .option('--start-snap <name>', 'start from this .snap file in member/snap (default: the newest that loads)')
    .option(
      '--entry-type <list>',
      'comma list of: ConfigChange, Normal, Request, InternalRaftRequest, IRRRange, IRRPut, IRRDeleteRange, ' +
        'IRRTxn, IRRCompaction, IRRLeaseGrant, IRRLeaseRevoke, IRRLeaseCheckpoint (default: all)',
    )
    .option('--stream-decoder <cmd>', 'program that decodes each printed entry: hex line in, "status|data" line out (args split on spaces)')
    .option('--wal-dir <dir>', 'read the WAL from this directory instead of <data-dir>/member/wal')
    .addOption(new Option('-o, --output <format>', 'text (etcd-dump-logs format) or json (one object per line)').choices(['text', 'json']).default('text'))
    .option('--raw', 'list every frame: file, offset, length, padding, type, stored and expected CRC; continues past bad records')
    .option('--redact', 'hide values and passwords (etcd 3.4 keeps `user add` passwords in plaintext in the WAL)')
    .option('--encryption-config <file>', `${ENCRYPTION_CONFIG_HELP}: with -o json, puts of k8s:enc: values also show value_decrypted (for the stream decoder, give it to \`decode --batch-process\`)`)
    .option(
      '--salvage',
      'with -o json: decode every entry record of every segment in file order, with its CRC status, past damaged ' +
        'records (no etcd start-point or overwrite rules; superseded entries are listed too)',
    )
    .action(
      action(async (out: Output, dataDir: string, flags: DumpLogsFlags) => {
        const startIndex = parseIndex(flags.startIndex);
        if (flags.startSnap && startIndex) throw new UsageError('start-snap and start-index flags cannot be used together.');
        // A path that does not exist cannot be read (exit 3); etcd-dump-logs' exit 1 stays for a data dir it fails on.
        if (!(await statPath(dataDir))) throw new ReadError('dump-logs', 'no such file or directory', { file: dataDir });
        const walDir = flags.walDir ?? join(dataDir, 'member', 'wal');
        flags.encryption = loadEncryptionConfigFile(flags.encryptionConfig);
        flags.failures = new DecryptFailures();
        if (flags.encryption && flags.output !== 'json') throw new UsageError('--encryption-config needs -o json (text output: --stream-decoder "etcd-forensics decode --batch-process --encryption-config FILE")');
        if (flags.raw) {
          if (flags.startSnap || flags.entryType !== undefined || flags.streamDecoder) {
            throw new UsageError('--start-snap, --entry-type and --stream-decoder are not supported with --raw');
          }
          return rawDump(out, walDir, flags.output, startIndex);
        }
        if (flags.salvage) {
          if (flags.output !== 'json') throw new UsageError('--salvage needs -o json (use --raw for a frame listing)');
          return flags.failures.exitCode(await salvageJson(out, walDir, startIndex, flags));
        }
        if (flags.output === 'json') return flags.failures.exitCode(await jsonDump(out, dataDir, walDir, startIndex, flags));
        const gen = dumpLogs({
          dataDir,
          walDir,
          startIndex,
          startSnap: flags.startSnap,
          entryTypes: flags.entryType ?? '',
          redact: flags.redact,
          streamDecoder: flags.streamDecoder ? spawnStreamDecoder(flags.streamDecoder) : undefined,
        });
        let r = await gen.next();
        while (!r.done) {
          await out.write(r.value);
          r = await gen.next();
        }
        return finish(r.value);
      }),
    );
}

function parseIndex(s: string | undefined): bigint {
  if (s === undefined) return 0n;
  if (!/^\d+$/.test(s)) throw new UsageError(`--start-index: invalid value "${s}", expected a non-negative integer`);
  const v = BigInt(s);
  if (v >= 1n << 64n) throw new UsageError(`--start-index: ${s} does not fit 64 bits`);
  return v;
}

function finish(res: DumpLogsResult): number {
  for (const w of res.warnings) process.stderr.write(`etcd-forensics: ${escapeTerminal(w)}\n`);
  if (res.fatal) {
    process.stderr.write(`etcd-forensics: ${res.fatal}${res.location ? ` (${res.location})` : ''}\n`);
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
}

async function jsonDump(out: Output, dataDir: string, walDir: string, startIndex: bigint, flags: DumpLogsFlags): Promise<number> {
  let start = { index: startIndex, term: 0n };
  const snapDir = join(dataDir, 'member', 'snap');
  if (!startIndex) {
    const snap = flags.startSnap ? await readSnapFile(join(snapDir, flags.startSnap)) : (await loadNewestSnapshot(snapDir)).snapshot;
    if (snap) {
      start = { index: snap.index, term: snap.term };
      await out.line(stringifyJson({ kind: 'snapshot', file: snap.path, term: snap.term, index: snap.index, voters: snap.confState.voters.map(idHex) }));
    }
  }
  const wal = await readWalAll(walDir, { start });
  const md = wal.metadata ? decodeWalMetadata(wal.metadata) : undefined;
  await out.line(
    stringifyJson({
      kind: 'wal',
      dir: walDir,
      segments: wal.segments.map((s) => s.name),
      node_id: md ? idHex(md.nodeId) : undefined,
      cluster_id: md ? idHex(md.clusterId) : undefined,
      hard_state: wal.state,
      snapshot_found: wal.snapshotMatched,
    }),
  );
  const failed = wal.error && (!startIndex || wal.error.code !== 'snapshot-not-found');
  if (!failed) {
    // --entry-type takes etcd-dump-logs' filter names, and also content kinds / raft entry
    // types (ConfChangeV2, EntryConfChangeV2, Empty...), which etcd's filters cannot select.
    const wanted = flags.entryType ? new Set(flags.entryType.split(',')) : undefined;
    const etcdFilters = flags.entryType ? entryFilters(flags.entryType).filters : [];
    for await (const e of walEntries(wal)) {
      const view = new EntryView(e);
      const j = entryJson(view, { redact: flags.redact });
      if (wanted && !wanted.has(j.content) && !wanted.has(j.type) && !matchEntry(etcdFilters, view)) continue;
      addDecryptedPuts(j, view, flags);
      await out.line(stringifyJson({ kind: 'entry', ...j, file: e.file, offset: e.offset, crc: 'ok' }));
    }
  }
  await out.line(
    stringifyJson({
      kind: 'end',
      entries: wal.entryOrdinals.length,
      end: wal.end && (wal.end.kind === 'problem' ? { problem: wal.end.problem, file: wal.end.path, offset: wal.end.offset, detail: wal.end.detail } : { reason: wal.end.reason, file: wal.end.path, offset: wal.end.offset }),
      error: failed ? wal.error : undefined,
    }),
  );
  if (failed) {
    process.stderr.write(`etcd-forensics: Failed reading WAL: ${wal.error!.etcdMessage} (${wal.error!.detail}${wal.error!.file ? `; ${wal.error!.file} @${wal.error!.offset}` : ''})\n`);
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
}

/** A one-line summary of a record's decoded content for --raw. */
function rawSummary(ev: Extract<WalEvent, { kind: 'record' }>): Record<string, unknown> {
  try {
    switch (ev.typeName) {
      case 'metadata': {
        const m = decodeWalMetadata(ev.data);
        return { node_id: idHex(m.nodeId), cluster_id: idHex(m.clusterId) };
      }
      case 'state':
        return { ...decodeHardState(ev.data) };
      case 'snapshot': {
        const s = decodeWalSnapshot(ev.data);
        return { index: s.index, term: s.term };
      }
      case 'entry': {
        const e = decodeEntry(ev.data);
        return { term: e.term, index: e.index, entry_type: ENTRY_TYPE_NAMES[e.type] ?? String(e.type), data_bytes: e.data.length };
      }
      default:
        return {};
    }
  } catch (err) {
    return { decode_error: (err as Error).message };
  }
}

async function rawDump(out: Output, walDir: string, format: 'text' | 'json', startIndex: bigint): Promise<number> {
  const listing = await listWalDir(walDir);
  let segments = listing.segments;
  if (startIndex) {
    // like etcd's raw mode: begin at the segment that holds startIndex
    let i = segments.length - 1;
    while (i > 0 && segments[i]!.index > startIndex) i--;
    segments = segments.slice(Math.max(0, i));
  }
  let problems = 0;
  const note = async (obj: Record<string, unknown>, text: string): Promise<void> => {
    if (format === 'json') await out.line(stringifyJson(obj));
    else await out.line(escapeTerminal(text));
  };
  if (segments.length === 0) {
    await note({ kind: 'problem', problem: 'no-segments', dir: walDir }, `!! no WAL segments in ${walDir}`);
    return ExitCode.Findings;
  }
  const gap = findSequenceGap(segments);
  if (gap) {
    problems++;
    await note({ kind: 'problem', problem: 'missing-segment', before: gap.before, after: gap.after }, `!! missing segment: ${gap.before} is followed by ${gap.after}`);
  }
  for (const b of listing.broken) await note({ kind: 'broken-file', file: b }, `-- ${b}: left by etcd's repair (not part of the log)`);
  let records = 0;
  for await (const ev of walEvents(segments, { salvage: true })) {
    if (ev.kind === 'record') {
      records++;
      const extra = rawSummary(ev);
      if (format === 'json') {
        await out.line(
          stringifyJson({
            kind: 'record',
            file: ev.file,
            offset: ev.offset,
            record: ev.recordInFile,
            len_field: '0x' + ev.lenField.toString(16).padStart(16, '0'),
            rec_bytes: ev.recBytes,
            pad_bytes: ev.padBytes,
            type: ev.typeName,
            crc: ev.storedCrc,
            crc_expected: ev.expectedCrc,
            crc_ok: ev.crcOk,
            data_len: ev.data.length,
            ...extra,
          }),
        );
      } else {
        const fields = Object.entries(extra)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? escapeTerminal(v) : String(v)}`)
          .join(' ');
        await out.line(
          `${ev.file} @${ev.offset} rec=${ev.recordInFile} len=${ev.recBytes} pad=${ev.padBytes} type=${ev.typeName} ` +
            `crc=${hex32(ev.storedCrc)} expected=${hex32(ev.expectedCrc)} ${ev.crcOk ? 'ok' : 'MISMATCH'}${fields ? ' ' + fields : ''}`,
        );
      }
    } else if (ev.kind === 'problem') {
      problems++;
      await note(
        { kind: 'problem', problem: ev.problem, file: ev.file, offset: ev.offset, record: ev.recordInFile, detail: ev.detail, last_segment: ev.lastSegment },
        `!! ${ev.problem} ${ev.file} @${ev.offset} rec=${ev.recordInFile}: ${ev.detail}`,
      );
    } else {
      await note(
        { kind: 'segment-end', file: ev.file, offset: ev.offset, reason: ev.reason, records: ev.records },
        `-- ${ev.file}: ${ev.records} records, ended by ${ev.reason === 'zero-length' ? 'a zero length field' : 'the end of the file'} @${ev.offset}`,
      );
    }
  }
  await note({ kind: 'summary', records, problems }, `${records} records, ${problems} problem${problems === 1 ? '' : 's'}`);
  return problems ? ExitCode.Findings : ExitCode.Ok;
}

/** -o json --salvage: every entry record with its CRC status, past problems. */
async function salvageJson(out: Output, walDir: string, startIndex: bigint, flags: DumpLogsFlags): Promise<number> {
  const listing = await listWalDir(walDir);
  let problems = 0;
  const gap = findSequenceGap(listing.segments);
  if (gap) {
    problems++;
    await out.line(stringifyJson({ kind: 'problem', problem: 'missing-segment', before: gap.before, after: gap.after }));
  }
  const wanted = flags.entryType ? new Set(flags.entryType.split(',')) : undefined;
  const etcdFilters = flags.entryType ? entryFilters(flags.entryType).filters : [];
  let entries = 0;
  for await (const ev of walEvents(listing.segments, { salvage: true })) {
    if (ev.kind === 'problem') {
      problems++;
      await out.line(stringifyJson({ kind: 'problem', problem: ev.problem, file: ev.file, offset: ev.offset, record: ev.recordInFile, detail: ev.detail }));
      continue;
    }
    if (ev.kind !== 'record' || ev.typeName !== 'entry') continue;
    let view: EntryView;
    try {
      view = new EntryView(decodeEntry(ev.data));
    } catch (err) {
      await out.line(stringifyJson({ kind: 'bad-entry', file: ev.file, offset: ev.offset, crc: ev.crcOk ? 'ok' : 'mismatch', detail: (err as Error).message }));
      continue;
    }
    if (view.entry.index <= startIndex) continue;
    const j = entryJson(view, { redact: flags.redact });
    if (wanted && !wanted.has(j.content) && !wanted.has(j.type) && !matchEntry(etcdFilters, view)) continue;
    addDecryptedPuts(j, view, flags);
    entries++;
    await out.line(stringifyJson({ kind: 'entry', ...j, file: ev.file, offset: ev.offset, crc: ev.crcOk ? 'ok' : 'mismatch' }));
  }
  await out.line(stringifyJson({ kind: 'end', entries, problems }));
  return problems ? ExitCode.Findings : ExitCode.Ok;
}
