// etcd-dump-db parity: list-bucket, iterate-bucket (+ --decode), hash. Text output is
// byte-identical to etcd-dump-db 3.4; `-o json` gives structured records.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openBolt } from '../../bolt/index.js';
import type { BoltDb, BoltEntry } from '../../bolt/types.js';
import { CorruptDataError, ExitCode, ForensicsError } from '../../errors.js';
import { resolveDbPath } from '../../io/paths.js';
import { stringifyJson } from '../../io/json.js';
import { escapeTerminal } from '../../io/terminal.js';
import {
  ByteSink,
  bytesJson,
  HASH_VERSIONS,
  hashDb,
  hashIgnores,
  iterateBucket,
  listBuckets,
  writeDefaultLine,
  writeDumpDbLine,
  type HashVersion,
} from '../../mvcc/schema/index.js';
import { action } from '../action.js';
import type { Output } from '../output/stdout.js';
import { outputOption } from '../output/format.js';
import { entryJsonText } from './dump-db/json.js';

const OUTPUTS = ['text', 'json'] as const;
type DumpDbOutput = (typeof OUTPUTS)[number];
/** Flush the line buffer to stdout every this many bytes. */
const CHUNK = 1 << 20;
/** At most this many per-entry decode problems are printed to stderr. */
const MAX_REPORTED = 20;

const PATH_HELP = 'db file, etcd data dir (→ member/snap/db) or `etcdctl snapshot save` file';

function parseLimit(v: string): bigint {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer');
  return BigInt(v);
}

async function withDb<T>(path: string, fn: (db: BoltDb, dbPath: string) => Promise<T>): Promise<T> {
  const dbPath = await resolveDbPath(path);
  const db = await openBolt(dbPath);
  try {
    return await fn(db, dbPath);
  } finally {
    await db.close();
  }
}

/** One stderr line per undecodable entry: its position in the listing and its bolt page/item. */
function reportEntryProblem(count: number, bucket: string, index: number, e: BoltEntry, err: ForensicsError): void {
  const where = e.pgid ? ` (page ${e.pgid} item ${e.index})` : '';
  if (count <= MAX_REPORTED) process.stderr.write(`etcd-forensics: ${escapeTerminal(`${bucket} entry ${index}${where}: cannot decode: ${err.message}`, true)}\n`);
  else if (count === MAX_REPORTED + 1) process.stderr.write('etcd-forensics: (more decode problems not shown)\n');
}

async function iterateText(out: Output, db: BoltDb, bucket: string, limit: bigint, decode: boolean): Promise<number> {
  const sink = new ByteSink(CHUNK + (CHUNK >> 2));
  // Offsets in decode errors are relative to the value (bolt does not expose file offsets of values).
  const origin = { file: `${db.path}: ${bucket} value` };
  let problems = 0;
  let n = 0;
  try {
    for await (const e of await iterateBucket(db, bucket, { limit })) {
      try {
        writeDumpDbLine(sink, bucket, e.key, e.value, decode, origin);
      } catch (err) {
        if (!(err instanceof CorruptDataError)) throw err;
        // etcd-dump-db panics here; we print the raw entry and go on.
        reportEntryProblem(++problems, bucket, n, e, err);
        writeDefaultLine(sink, e.key, e.value);
      }
      n++;
      if (sink.length >= CHUNK) await out.bytes(sink.take());
    }
  } finally {
    if (sink.length) await out.bytes(sink.take());
  }
  return problems ? ExitCode.Findings : ExitCode.Ok;
}

async function iterateJson(out: Output, db: BoltDb, bucket: string, limit: bigint, decode: boolean, showSecrets: boolean): Promise<number> {
  // A JSON array streamed one record per line, so millions of entries never sit in memory.
  let problems = 0;
  let n = 0;
  await out.write('[');
  for await (const e of await iterateBucket(db, bucket, { limit })) {
    const { text, error } = entryJsonText(bucket, e, { decode, showSecrets, file: `${db.path}: ${bucket} value` });
    if (error) reportEntryProblem(++problems, bucket, n, e, error);
    const pending = out.write((n === 0 ? '\n' : ',\n') + text);
    if (pending) await pending;
    n++;
  }
  await out.write(n ? '\n]\n' : ']\n');
  return problems ? ExitCode.Findings : ExitCode.Ok;
}

export function registerDumpDbCommands(program: Command): void {
  program
    .command('list-bucket')
    .summary('list the top-level buckets of a bolt db (etcd-dump-db list-bucket)')
    .description('Lists the top-level bucket names in byte order, one per line, exactly as etcd-dump-db list-bucket.')
    .argument('<path>', PATH_HELP)
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out, path: string, opts: { output: DumpDbOutput }) =>
        withDb(path, async (db, dbPath) => {
          const names = await listBuckets(db);
          if (opts.output === 'json') {
            await out.line(stringifyJson({ path: dbPath, buckets: names.map((n) => bytesJson('name', n)) }, 2));
            return ExitCode.Ok;
          }
          // Go prints string(name) with %s: the raw bytes.
          const sink = new ByteSink();
          for (const n of names) {
            sink.bytes(n);
            sink.byte(0x0a);
          }
          await out.bytes(sink.take());
          return ExitCode.Ok;
        }),
      ),
    );

  program
    .command('iterate-bucket')
    .summary('print the entries of a bucket, last to first (etcd-dump-db iterate-bucket)')
    .description(
      'Prints every key/value of a top-level bucket in reverse key order as `key=%q, value=%q` (Go quoting), exactly as ' +
        'etcd-dump-db 3.4 iterate-bucket. With --decode, the key, lease, auth, authRoles and authUsers buckets are decoded ' +
        "as etcd-dump-db 3.4 does (note: it prints authUsers' bcrypt password hashes). A corrupt entry is reported on stderr, " +
        'printed raw, and the exit code is 1.',
    )
    .argument('<path>', PATH_HELP)
    .argument('<bucket>', 'top-level bucket name, e.g. key, meta, lease, members, auth, authUsers, authRoles')
    .addOption(new Option('--limit <n>', 'stop after n entries (0 = all)').argParser(parseLimit).default(0n, '0'))
    .option('--decode', "decode values with etcd's schema (text: etcd-dump-db 3.4 decoders; json: every etcd bucket)", false)
    .option('--show-secrets', 'json: include bcrypt password hashes of authUsers (hidden by default)', false)
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out, path: string, bucket: string, opts: { limit: bigint; decode: boolean; showSecrets: boolean; output: DumpDbOutput }) =>
        withDb(path, (db) =>
          opts.output === 'json'
            ? iterateJson(out, db, bucket, opts.limit, opts.decode, opts.showSecrets)
            : iterateText(out, db, bucket, opts.limit, opts.decode),
        ),
      ),
    );

  program
    .command('hash')
    .summary("CRC-32C of a db's buckets and entries (etcd-dump-db hash)")
    .description(
      'Computes etcd backend.Hash: CRC-32C over every top-level bucket name and its keys and values, leaving out ' +
        'meta/consistent_index (3.4), also meta/term (3.5), also meta/storageVersion (3.6). Prints ' +
        '`db path: <path>` and `Hash: <n>` exactly as etcd-dump-db hash.',
    )
    .argument('<path>', PATH_HELP)
    .addOption(new Option('--etcd-version <version>', 'ignore set of this etcd version').choices(HASH_VERSIONS).default('3.4'))
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out, path: string, opts: { etcdVersion: HashVersion; output: DumpDbOutput }) =>
        withDb(path, async (db, dbPath) => {
          const hash = await hashDb(db, { version: opts.etcdVersion });
          if (opts.output === 'json') {
            const ignored = hashIgnores(opts.etcdVersion).map((i) => `${i.bucket}/${i.key}`);
            await out.line(stringifyJson({ path: dbPath, hash, etcdVersion: opts.etcdVersion, ignored }, 2));
          } else {
            await out.write(`db path: ${dbPath}\nHash: ${hash}\n`);
          }
          return ExitCode.Ok;
        }),
      ),
    );
}
