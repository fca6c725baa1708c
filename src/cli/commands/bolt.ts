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
import { action } from '../action.js';
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

async function withDb<T>(path: string, fn: (db: BoltDatabase) => Promise<T>): Promise<T> {
  const db = await openBolt(path);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function parsePageId(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a page id (non-negative integer)');
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('page id too large');
  return n;
}

function bytesFormatOption(flags: string, def: ByteFormat, what: string): Option {
  return new Option(flags, `${what}: bytes (raw, bbolt 1.3.6 default), auto (text if printable UTF-8 else hex), ascii-encoded (Go %q), hex, redacted (length + sha256)`)
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

async function writeFormatted(w: ByteLineWriter, b: Uint8Array, fmt: ByteFormat): Promise<void> {
  const p = w.line(formatBytes(b, fmt));
  if (p) await p;
}

export function registerBoltCommands(program: Command): void {
  const bolt = program
    .command('bolt')
    .description('inspect a bbolt db like the bbolt 1.3.6 CLI, read-only (no lock, never writes)');

  bolt
    .command('info')
    .description('print the page size (and, with -o json, both metas and file facts)')
    .argument('<path>', PATH_ARG)
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, opts: OutputOpts) =>
        withDb(path, async (db) => {
          if (opts.output === 'json') out.line(stringifyJson(boltInfo(db), 2));
          else out.line(`Page Size: ${db.pageSize}`);
        }),
      ),
    );

  bolt
    .command('stats')
    .description('aggregate B+tree statistics of the top-level buckets whose name starts with [prefix]')
    .argument('<path>', PATH_ARG)
    .argument('[prefix]', 'bucket name prefix', '')
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, prefix: string, opts: OutputOpts) =>
        withDb(path, async (db) => {
          const s = await dbStats(db, Buffer.from(prefix, 'utf8'));
          if (opts.output === 'json') out.line(stringifyJson(s, 2));
          else out.write(renderStats(s));
        }),
      ),
    );

  bolt
    .command('pages')
    .description('list every page below the high-water mark with its type, item count and overflow (free pages as "free")')
    .argument('<path>', PATH_ARG)
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, opts: OutputOpts) =>
        withDb(path, async (db) => {
          if (opts.output === 'json') {
            const rows = [];
            for await (const p of listPages(db)) rows.push(p);
            out.line(stringifyJson(rows, 2));
            return;
          }
          out.write(pagesHeader());
          for await (const p of listPages(db)) {
            const w = out.write(pagesRow(p));
            if (w) await w;
          }
        }),
      ),
    );

  bolt
    .command('page')
    .description('print pages in human-readable form (meta, freelist, branch and leaf items)')
    .argument('<path>', PATH_ARG)
    .argument('[pageids...]', 'page ids')
    .option('--all', 'print every page below the high-water mark')
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, ids: string[], opts: OutputOpts & { all?: boolean }) =>
        withDb(path, async (db) => {
          let pageIds = ids.map(parsePageId);
          if (opts.all) {
            pageIds = [];
            for await (const p of listPages(db)) if (p.type !== 'free') pageIds.push(p.id);
          }
          if (pageIds.length === 0) throw new UsageError('page id required');
          const json = [];
          for (let i = 0; i < pageIds.length; i++) {
            const d = await readPageDetail(db, pageIds[i]!);
            if (opts.output === 'json') {
              json.push(pageDetailJson(d));
              continue;
            }
            if (i > 0) out.write(PAGE_SEPARATOR);
            const w = out.write(renderPage(d));
            if (w) await w;
          }
          if (opts.output === 'json') out.line(stringifyJson(json, 2));
        }),
      ),
    );

  bolt
    .command('page-item')
    .description('print the key and value of one leaf page element')
    .argument('<path>', PATH_ARG)
    .argument('<pageid>', 'leaf page id', parsePageId)
    .argument('<itemid>', 'element index in the page', parsePageId)
    .option('--key-only', 'print only the key')
    .option('--value-only', 'print only the value')
    .addOption(bytesFormatOption('--format <format>', 'auto', 'output format'))
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(
        async (
          out: Output,
          path: string,
          pageId: number,
          itemId: number,
          opts: OutputOpts & { keyOnly?: boolean; valueOnly?: boolean; format: ByteFormat },
        ) => {
          if (opts.keyOnly && opts.valueOnly) throw new UsageError('The --key-only or --value-only flag may be set, but not both.');
          return withDb(path, async (db) => {
            const item = await readPageItem(db, pageId, itemId);
            if (opts.output === 'json') {
              out.line(stringifyJson(leafItemJson(item), 2));
              return;
            }
            const w = new ByteLineWriter(out);
            if (!opts.valueOnly) await writeFormatted(w, item.key, opts.format);
            if (!opts.keyOnly) await writeFormatted(w, item.value, opts.format);
            await w.flush();
          });
        },
      ),
    );

  bolt
    .command('buckets')
    .description('print the names of the top-level buckets')
    .argument('<path>', PATH_ARG)
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, opts: OutputOpts) =>
        withDb(path, async (db) => {
          const w = new ByteLineWriter(out);
          const json = [];
          for await (const b of db.root.buckets()) {
            const name = b.path[b.path.length - 1]!;
            if (opts.output === 'json') json.push({ ...keyJson(name), root: b.root, sequence: b.sequence, inline: b.inline });
            else await writeFormatted(w, name, 'bytes');
          }
          if (opts.output === 'json') out.line(stringifyJson(json, 2));
          await w.flush();
        }),
      ),
    );

  bolt
    .command('keys')
    .description('print the keys of a (nested) bucket in key order; -o json prints one JSON object per line')
    .argument('<path>', PATH_ARG)
    .argument('<buckets...>', 'bucket path, e.g. `a b` for bucket b inside a')
    .addOption(bytesFormatOption('--format <format>', 'bytes', 'key format'))
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, buckets: string[], opts: OutputOpts & { format: ByteFormat }) =>
        withDb(path, async (db) => {
          const b = await findBucket(db, buckets);
          const w = new ByteLineWriter(out);
          for await (const e of b.entries()) {
            if (opts.output === 'json') {
              const p = w.line(stringifyJson({ ...keyJson(e.key), bucket: e.isBucket }));
              if (p) await p;
            } else await writeFormatted(w, e.key, opts.format);
          }
          await w.flush();
        }),
      ),
    );

  bolt
    .command('get')
    .description('print the value of KEY in a (nested) bucket')
    .argument('<path>', PATH_ARG)
    .argument('<bucketsAndKey...>', 'bucket path then the key')
    .addOption(new Option('--parse-format <format>', 'how KEY is given: ascii-encoded (as typed) or hex').choices(['ascii-encoded', 'hex']).default('ascii-encoded'))
    .addOption(bytesFormatOption('--format <format>', 'bytes', 'value format'))
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, args: string[], opts: OutputOpts & { format: ByteFormat; parseFormat: string }) => {
        if (args.length < 2) throw new UsageError('not enough arguments: need at least one bucket and a key');
        const keyArg = args[args.length - 1]!;
        if (opts.parseFormat === 'hex' && !/^([0-9a-fA-F]{2})*$/.test(keyArg)) throw new UsageError(`key is not valid hex: ${keyArg}`);
        const key = opts.parseFormat === 'hex' ? Buffer.from(keyArg, 'hex') : Buffer.from(keyArg, 'utf8');
        if (key.length === 0) throw new UsageError('key required');
        return withDb(path, async (db) => {
          const b = await findBucket(db, args.slice(0, -1));
          const v = await b.get(key);
          if (v === undefined || v === null) {
            throw new NotFoundError('bolt', `key not found: ${JSON.stringify(keyArg)}${v === null ? ' (it is a bucket)' : ''}`, { file: db.path });
          }
          if (opts.output === 'json') {
            out.line(stringifyJson({ ...keyJson(key), value: v, value_hex: Buffer.from(v).toString('hex') }, 2));
            return;
          }
          const w = new ByteLineWriter(out);
          await writeFormatted(w, v, opts.format);
          await w.flush();
        });
      }),
    );

  bolt
    .command('check')
    .description('verify page reachability, freelist and key order like `bbolt check`; exit 1 when problems are found')
    .argument('<path>', PATH_ARG)
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, opts: OutputOpts) =>
        withDb(path, async (db) => {
          const r = await checkBolt(db);
          if (opts.output === 'json') out.line(stringifyJson({ ok: r.findings.length === 0, ...r }, 2));
          else if (r.findings.length === 0) out.line('OK');
          else {
            for (const f of r.findings) {
              const w = out.line(f.message);
              if (w) await w;
            }
            out.line(`${r.findings.length} errors found`);
          }
          return r.findings.length ? ExitCode.Findings : ExitCode.Ok;
        }),
      ),
    );

  bolt
    .command('dump')
    .description('hexdump of pages (first page of each id, like `bbolt dump`)')
    .argument('<path>', PATH_ARG)
    .argument('<pageids...>', 'page ids')
    .addOption(outputOption(OUTPUTS, 'text'))
    .action(
      action(async (out: Output, path: string, ids: string[], opts: OutputOpts) =>
        withDb(path, async (db) => {
          const pageIds = ids.map(parsePageId);
          const json = [];
          for (let i = 0; i < pageIds.length; i++) {
            const { offset, bytes } = await readPageBytes(db, pageIds[i]!);
            if (opts.output === 'json') {
              json.push({ id: pageIds[i], offset, hex: Buffer.from(bytes).toString('hex') });
              continue;
            }
            if (i > 0) out.write(PAGE_SEPARATOR);
            const w = out.write(renderHexDump(offset, bytes));
            if (w) await w;
          }
          if (opts.output === 'json') out.line(stringifyJson(json, 2));
        }),
      ),
    );
}
