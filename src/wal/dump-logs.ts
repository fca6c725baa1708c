// etcd-dump-logs (3.4) as a library: the same start-point selection, ReadAll semantics,
// headers (including "dupmping" (sic)), entry filters and line format. Text is yielded
// in chunks; the generator's return value says how the run ended (etcd's exit status
// and the fatal message it would log).
import { join } from 'node:path';
import { ForensicsError } from '../errors.js';
import { decodeWalMetadata } from '../proto/messages.js';
import { loadNewestSnapshot } from '../snap/load.js';
import { readSnapFile, type RaftSnapshot } from '../snap/snap-file.js';
import { entryFilters, EntryView, matchEntry } from './entry-kind.js';
import { entryText, idHex, type EntryTextOptions } from './dump-logs-text.js';
import { entryCount, readWalAll, walEntries, type WalReadAll } from './read-all.js';

export interface StreamDecoder {
  /** Sends one hex line (without newline); returns the decoder's reply line including its "\n", or an error text when it ended. */
  decode(hexLine: string): Promise<{ line: string } | { error: string }>;
  /** Ends the decoder; returns its stderr (etcd prints it as "decoder stderr: ..."). */
  close(): Promise<{ stderr: string; failed?: string }>;
}

export interface DumpLogsOptions extends EntryTextOptions {
  dataDir: string;
  /** Defaults to <dataDir>/member/wal and <dataDir>/member/snap. */
  walDir?: string;
  snapDir?: string;
  startIndex?: bigint;
  startSnap?: string;
  /** The --entry-type value ('' = etcd 3.4's default: all but ConfChangeV2). */
  entryTypes?: string;
  streamDecoder?: StreamDecoder;
}

export interface DumpLogsResult {
  /** etcd-dump-logs' exit status: 0, or 1 after a fatal log line. */
  exitCode: 0 | 1;
  /** The line etcd-dump-logs logs before exiting 1 (e.g. "Failed reading WAL: walpb: crc mismatch"). */
  fatal?: string;
  /** Where the fatal problem is, when known. */
  location?: string;
  /** Warnings etcd-dump-logs prints to stderr (ignored entry types, decoder stderr) and our own notes. */
  warnings: string[];
  wal?: WalReadAll;
  snapshot?: RaftSnapshot;
}

export function memberWalDir(dataDir: string): string {
  return join(dataDir, 'member', 'wal');
}
export function memberSnapDir(dataDir: string): string {
  return join(dataDir, 'member', 'snap');
}

const INVALID_TYPE_HELP =
  'Please set entry-type to one or more of the following: \nConfigChange, Normal, Request, InternalRaftRequest, \n' +
  'IRRRange, IRRPut, IRRDeleteRange, IRRTxn,\nIRRCompaction, IRRLeaseGrant, IRRLeaseRevoke';

/** Runs etcd-dump-logs' logic; yields stdout text, returns the outcome. */
export async function* dumpLogs(opts: DumpLogsOptions): AsyncGenerator<string, DumpLogsResult> {
  const warnings: string[] = [];
  const walDir = opts.walDir ?? memberWalDir(opts.dataDir);
  const snapDir = opts.snapDir ?? memberSnapDir(opts.dataDir);
  const startIndex = opts.startIndex ?? 0n;
  const isIndex = startIndex !== 0n;
  let start = { index: 0n, term: 0n };
  let snapshot: RaftSnapshot | undefined;

  if (isIndex) {
    yield `Start dumping log entries from index ${startIndex}.\n`;
    start = { index: startIndex, term: 0n };
  } else {
    try {
      if (opts.startSnap) {
        snapshot = await readSnapFile(join(snapDir, opts.startSnap));
      } else {
        const loaded = await loadNewestSnapshot(snapDir);
        snapshot = loaded.snapshot;
        for (const f of loaded.failed) warnings.push(`skipped snapshot ${f.file.name}: ${f.error.message} (etcd would rename it to .broken)`);
      }
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      return { exitCode: 1, fatal: `Failed loading snapshot: ${err.detail}`, location: err.file, warnings };
    }
    if (snapshot) {
      start = { index: snapshot.index, term: snapshot.term };
      yield `Snapshot:\nterm=${snapshot.term} index=${snapshot.index} nodes=[${snapshot.confState.voters.map(idHex).join(' ')}]\n`;
    } else {
      yield 'Snapshot:\nempty\n';
    }
    yield 'Start dupmping log entries from snapshot.\n';
  }

  let wal: WalReadAll;
  try {
    wal = await readWalAll(walDir, { start });
  } catch (err) {
    if (!(err instanceof ForensicsError)) throw err;
    return { exitCode: 1, fatal: `Failed opening WAL: ${err.detail}`, location: err.file, warnings, snapshot };
  }
  if (wal.error && (!isIndex || wal.error.code !== 'snapshot-not-found')) {
    const where = wal.error.file !== undefined ? `${wal.error.file} @${wal.error.offset}` : undefined;
    return { exitCode: 1, fatal: `Failed reading WAL: ${wal.error.etcdMessage}`, location: where, warnings, wal, snapshot };
  }
  const md = wal.metadata ? decodeWalMetadata(wal.metadata) : { nodeId: 0n, clusterId: 0n };
  yield `WAL metadata:\nnodeID=${idHex(md.nodeId)} clusterID=${idHex(md.clusterId)} term=${wal.state.term} commitIndex=${wal.state.commit} vote=${idHex(wal.state.vote)}\n`;
  yield 'WAL entries:\n';
  const n = entryCount(wal);
  if (n > 0) yield `lastIndex=${wal.firstIndex + BigInt(n) - 1n}\n`;
  else warnings.push('no entries after the start point (etcd-dump-logs 3.4 panics here)');
  yield `term\t     index\ttype\tdata${opts.streamDecoder ? '\tdecoder_status\tdecoded_data' : ''}\n`;

  const entryTypes = opts.entryTypes ?? '';
  const { filters, invalid } = entryFilters(entryTypes);
  for (const name of invalid) warnings.push(`[${name}] is not a valid entry-type, ignored. \n${INVALID_TYPE_HELP}`);
  let count = 0;
  let chunk = '';
  const dec = opts.streamDecoder;
  for await (const e of walEntries(wal)) {
    const v = new EntryView(e);
    const kind = matchEntry(filters, v);
    if (!kind) continue;
    count++;
    chunk += entryText(kind, v, opts);
    if (!dec) {
      chunk += '\n';
    } else {
      const reply = await dec.decode(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString('hex'));
      if ('error' in reply) {
        // etcd prints the read error and stops listing (no count line).
        yield chunk + reply.error + '\n';
        const closed = await dec.close();
        if (closed.stderr) warnings.push(`decoder stderr: ${closed.stderr}`);
        if (closed.failed) return { exitCode: 1, fatal: closed.failed, warnings, wal, snapshot };
        return { exitCode: 0, warnings, wal, snapshot };
      }
      const [status, data] = parseDecoderOutput(reply.line);
      chunk += `\t${status}\t${data}`;
    }
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
  if (dec) {
    const closed = await dec.close();
    if (closed.failed) return { exitCode: 1, fatal: closed.failed, warnings, wal, snapshot };
    if (closed.stderr) warnings.push(`decoder stderr: ${closed.stderr}`);
  }
  yield `\nEntry types (${entryTypes}) count is : ${count}`;
  return { exitCode: 0, warnings, wal, snapshot };
}

/** etcd-dump-logs parseDecoderOutput: split the reply on "|". */
export function parseDecoderOutput(line: string): [string, string] {
  const parts = line.split('|');
  if (parts.length === 1) return ['decoder output format is not right, print output anyway', line];
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  return [parts[0]! + '(*WARNING: data might contain deliminator used by etcd-dump-logs)', parts.slice(1).join('')];
}
