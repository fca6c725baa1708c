// `etcd-forensics bolt ...`: the bbolt 1.3.6 CLI, read-only. Text output is byte-identical
// to bbolt's for the same arguments, except that NoFreelistSync dbs (etcd) are described as
// they are on disk (bbolt writes a freelist and a new meta into such files before printing).
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  checkBolt,
  dbStats,
  listPages,
  openBolt,
  readPageBytes,
  readPageDetail,
  readPageItem,
  type BoltDatabase,
  type BoltBucket,
} from '../../bolt/index.js';
import { ExitCode, NotFoundError, UsageError } from '../../errors.js';
import { stringifyJson } from '../../io/json.js';
import { action, type ActionResult } from '../action.js';
import type { Output } from '../output/stdout.js';
import { outputOption } from '../output/format.js';
import { ByteLineWriter } from './bolt/byte-writer.js';
import {
  BYTE_FORMATS,
  formatBytes,
  PAGE_SEPARATOR,
  pagesHeader,
  pagesRow,
  renderHexDump,
  renderPage,
  renderStats,
  type ByteFormat,
} from './bolt/format.js';
import { boltInfo, pageDetailJson, leafItemJson, keyJson } from './bolt/json.js';

const OUTPUTS = ['text', 'json'] as const;
const PATH_ARG = 'bolt db file, etcd data dir (→ member/snap/db) or `etcdctl snapshot save` file';

interface OutputOpts {
  output: (typeof OUTPUTS)[number];
}

/** A `bolt <name> <path>` subcommand with `-o text|json`. */
function dbCommand(bolt: Command, name: string, description: string): Command {
  return bolt.command(name).description(description).argument('<path>', PATH_ARG).addOption(outputOption(OUTPUTS, 'text'));
}

/** action() whose handler gets the opened db (closed afterwards) instead of the path. */
function withDbAction<A extends unknown[]>(fn: (out: Output, db: BoltDatabase, ...args: A) => Promise<ActionResult>) {
  return action(async (out: Output, path: string, ...args: A) => {
    const db = await openBolt(path);
    try {
      return await fn(out, db, ...args);
    } finally {
      await db.close();
    }
  });
}

function parsePageId(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a page id (non-negative integer)');
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('page id too large');
  return n;
}

function bytesFormatOption(flags: string, def: ByteFormat, what: string): Option {
  return new Option(flags, `${what}: bytes (raw; what bbolt 1.3.6 keys/get print), auto (text if printable UTF-8 else hex), ascii-encoded (Go %q), hex, redacted (length + sha256)`)
    .choices(BYTE_FORMATS)
    .default(def);
}

async function findBucket(db: BoltDatabase, names: string[]): Promise<BoltBucket> {
  let b: BoltBucket | undefined = db.root;
  for (const name of names) {
    b = await b.bucket(name);
    if (!b) throw new NotFoundError('bolt', `bucket not found: ${JSON.stringify(name)}`, { file: db.path });
  }
  return b;
}

/** Writes values one per line in a bbolt byte format (text) or as one JSON document. */
async function writeValues(out: Output, opts: OutputOpts & { format: ByteFormat }, values: Uint8Array[], json: () => unknown): Promise<void> {
  if (opts.output === 'json') {
    out.line(stringifyJson(json(), 2));
    return;
  }
  const w = new ByteLineWriter(out);
  for (const v of values) await w.line(formatBytes(v, opts.format));
  await w.flush();
}

/** Text blocks separated like `bbolt page`/`dump`, or one JSON array. */
async function writePages<T>(out: Output, opts: OutputOpts, ids: number[], read: (id: number) => Promise<T>, text: (d: T) => string, json: (d: T) => unknown): Promise<void> {
  const docs = [];
  for (let i = 0; i < ids.length; i++) {
    const d = await read(ids[i]!);
    if (opts.output === 'json') {
      docs.push(json(d));
      continue;
    }
    if (i > 0) out.write(PAGE_SEPARATOR);
    await out.write(text(d));
  }
  if (opts.output === 'json') out.line(stringifyJson(docs, 2));
}

export function registerBoltCommands(program: Command): void {
  const bolt = program.command('bolt').description('inspect a bbolt db like the bbolt 1.3.6 CLI, read-only (no lock, never writes)');

  dbCommand(bolt, 'info', 'print the page size (and, with -o json, both metas and file facts)').action(
    withDbAction(async (out, db, opts: OutputOpts) => {
      out.line(opts.output === 'json' ? stringifyJson(boltInfo(db), 2) : `Page Size: ${db.pageSize}`);
    }),
  );

  dbCommand(bolt, 'stats', 'aggregate B+tree statistics of the top-level buckets whose name starts with [prefix]')
    .argument('[prefix]', 'bucket name prefix', '')
    .action(
      withDbAction(async (out, db, prefix: string, opts: OutputOpts) => {
        const s = await dbStats(db, Buffer.from(prefix, 'utf8'));
        out.write(opts.output === 'json' ? stringifyJson(s, 2) + '\n' : renderStats(s));
      }),
    );

  dbCommand(bolt, 'pages', 'list every page below the high-water mark with its type, item count and overflow (free pages as "free")').action(
    withDbAction(async (out, db, opts: OutputOpts) => {
      if (opts.output === 'json') {
        const rows = [];
        for await (const p of listPages(db)) rows.push(p);
        out.line(stringifyJson(rows, 2));
        return;
      }
      out.write(pagesHeader());
      for await (const p of listPages(db)) await out.write(pagesRow(p));
    }),
  );

  dbCommand(bolt, 'page', 'print pages in human-readable form (meta, freelist, branch and leaf items)')
    .argument('[pageids...]', 'page ids')
    .option('--all', 'print every page below the high-water mark')
    .action(
      withDbAction(async (out, db, ids: string[], opts: OutputOpts & { all?: boolean }) => {
        let pageIds = ids.map(parsePageId);
        if (opts.all) {
          pageIds = [];
          for await (const p of listPages(db)) if (p.type !== 'free') pageIds.push(p.id);
        }
        if (pageIds.length === 0) throw new UsageError('page id required');
        await writePages(out, opts, pageIds, (id) => readPageDetail(db, id), renderPage, pageDetailJson);
      }),
    );

  dbCommand(bolt, 'page-item', 'print the key and value of one leaf page element')
    .argument('<pageid>', 'leaf page id', parsePageId)
    .argument('<itemid>', 'element index in the page', parsePageId)
    .option('--key-only', 'print only the key')
    .option('--value-only', 'print only the value')
    .addOption(bytesFormatOption('--format <format>', 'auto', 'output format'))
    .action(
      withDbAction(async (out, db, pageId: number, itemId: number, opts: OutputOpts & { keyOnly?: boolean; valueOnly?: boolean; format: ByteFormat }) => {
        if (opts.keyOnly && opts.valueOnly) throw new UsageError('The --key-only or --value-only flag may be set, but not both.');
        const item = await readPageItem(db, pageId, itemId);
        const values = [...(opts.valueOnly ? [] : [item.key]), ...(opts.keyOnly ? [] : [item.value])];
        await writeValues(out, opts, values, () => leafItemJson(item));
      }),
    );

  dbCommand(bolt, 'buckets', 'print the names of the top-level buckets').action(
    withDbAction(async (out, db, opts: OutputOpts) => {
      const names = [];
      const json: Record<string, unknown>[] = [];
      for await (const b of db.root.buckets()) {
        const name = b.path[b.path.length - 1]!;
        names.push(name);
        json.push({ ...keyJson(name), root: b.root, sequence: b.sequence, inline: b.inline });
      }
      await writeValues(out, { ...opts, format: 'bytes' }, names, () => json);
    }),
  );

  dbCommand(bolt, 'keys', 'print the keys of a (nested) bucket in key order; -o json prints one JSON object per line')
    .argument('<buckets...>', 'bucket path, e.g. `a b` for bucket b inside a')
    .addOption(bytesFormatOption('--format <format>', 'bytes', 'key format'))
    .action(
      withDbAction(async (out, db, buckets: string[], opts: OutputOpts & { format: ByteFormat }) => {
        const b = await findBucket(db, buckets);
        const w = new ByteLineWriter(out);
        for await (const e of b.entries()) {
          // line() only returns a promise when a chunk was flushed: no per-key await.
          const p = w.line(opts.output === 'json' ? stringifyJson({ ...keyJson(e.key), bucket: e.isBucket }) : formatBytes(e.key, opts.format));
          if (p) await p;
        }
        await w.flush();
      }),
    );

  dbCommand(bolt, 'get', 'print the value of KEY in a (nested) bucket')
    .argument('<bucketsAndKey...>', 'bucket path then the key')
    .addOption(new Option('--parse-format <format>', 'how KEY is given: ascii-encoded (as typed) or hex').choices(['ascii-encoded', 'hex']).default('ascii-encoded'))
    .addOption(bytesFormatOption('--format <format>', 'bytes', 'value format'))
    .action(
      withDbAction(async (out, db, args: string[], opts: OutputOpts & { format: ByteFormat; parseFormat: string }) => {
        if (args.length < 2) throw new UsageError('not enough arguments: need at least one bucket and a key');
        const keyArg = args[args.length - 1]!;
        if (opts.parseFormat === 'hex' && !/^([0-9a-fA-F]{2})*$/.test(keyArg)) throw new UsageError(`key is not valid hex: ${keyArg}`);
        const key = opts.parseFormat === 'hex' ? Buffer.from(keyArg, 'hex') : Buffer.from(keyArg, 'utf8');
        if (key.length === 0) throw new UsageError('key required');
        const v = await (await findBucket(db, args.slice(0, -1))).get(key);
        if (v === undefined || v === null) {
          throw new NotFoundError('bolt', `key not found: ${JSON.stringify(keyArg)}${v === null ? ' (it is a bucket)' : ''}`, { file: db.path });
        }
        await writeValues(out, opts, [v], () => ({ ...keyJson(key), value: v, value_hex: Buffer.from(v).toString('hex') }));
      }),
    );

  dbCommand(bolt, 'check', 'verify page reachability, freelist and key order like `bbolt check`; exit 1 when problems are found').action(
    withDbAction(async (out, db, opts: OutputOpts) => {
      const r = await checkBolt(db);
      if (opts.output === 'json') out.line(stringifyJson({ ok: r.findings.length === 0, ...r }, 2));
      else if (r.findings.length === 0) out.line('OK');
      else {
        for (const f of r.findings) await out.line(f.message);
        out.line(`${r.findings.length} errors found`);
      }
      return r.findings.length ? ExitCode.Findings : ExitCode.Ok;
    }),
  );

  dbCommand(bolt, 'dump', 'hexdump of pages (first page of each id, like `bbolt dump`)')
    .argument('<pageids...>', 'page ids')
    .action(
      withDbAction(async (out, db, ids: string[], opts: OutputOpts) => {
        await writePages(
          out,
          opts,
          ids.map(parsePageId),
          (id) => readPageBytes(db, id).then((p) => ({ id, ...p })),
          (p) => renderHexDump(p.offset, p.bytes),
          (p) => ({ id: p.id, offset: p.offset, hex: Buffer.from(p.bytes).toString('hex') }),
        );
      }),
    );
}
