// `etcd-forensics extract`: auger's extract (flags, listing and value output), offline and
// read-only. Differences from auger, on purpose: deleted keys are not listed as live (auger
// re-adds the tombstone), `-r` also applies to `-k`, `--filter` also applies to `--fields`,
// version-count is etcd's version of the key (the `version` etcdctl shows).
import { readWholeInput } from '../../../io/byte-source.js';
import { Option, type Command } from 'commander';
import { decodeKeyValue, type KeyValue } from '../../../mvcc/key-value.js';
import {
  decodeValue,
  displayKey,
  executeTemplate,
  getKey,
  goJsonMarshal,
  GO_STRUCT,
  keyBytes,
  listKeys,
  listVersions,
  loadKeyValue,
  matchesFilters,
  parseFilters,
  parseTemplate,
  valueToYaml,
  valueToProto,
  type DecodedValue,
  type FieldFilter,
  type KeyState,
  type Keyspace,
  type Template,
} from '../../../mvcc/keyspace/index.js';
import { ForensicsError, UsageError } from '../../../errors.js';
import { goQuote, isPrintableUtf8 } from '../../../io/go-quote.js';
import { stringifyJson } from '../../../io/json.js';
import { action } from '../../action.js';
import { escapeTerminal } from '../../../io/terminal.js';
import type { Output } from '../../output/stdout.js';
import { parseRevision, PATH_HELP, withKeyspace, reportSkippedEntries } from './common.js';
import { DecryptFailures, ENCRYPTION_CONFIG_HELP, loadEncryptionConfigFile } from '../../encryption.js';
import type { EncryptionConfig } from '../../../k8s/encryption/index.js';

/** auger's fields, then ours. */
const FIELDS = [
  'key',
  'value-size',
  'all-versions-value-size',
  'version-count',
  'value',
  'create-revision',
  'mod-revision',
  'version',
  'lease',
  'stored-versions',
  'all-versions-stored-bytes',
] as const;

export interface ExtractOptions {
  file?: string;
  key?: string;
  version?: string;
  revision: number;
  keysByPrefix?: string;
  listVersions?: boolean;
  leafItem?: boolean;
  printKey?: boolean;
  metaSummary?: boolean;
  raw?: boolean;
  fields: string;
  template?: string;
  filter?: string;
  output: 'yaml' | 'json' | 'proto';
  encryptionConfig?: string;
  /** Loaded from --encryption-config. */
  encryption?: EncryptionConfig;
  failures: DecryptFailures;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description("Extract keys and values from an etcd db (auger extract's flags and output)")
    .argument('[path]', `${PATH_HELP} (or use -f)`)
    .option('-f, --file <path>', `bolt db file: ${PATH_HELP}; with --leaf-item, the leaf item (default stdin)`)
    .option('-k, --key <key>', 'etcd key to print the value of')
    .option('-v, --version <version>', 'kv version of --key to print (per-generation counter, not a revision; default: the live one)')
    .option('-r, --revision <revision>', 'read the keyspace at this revision (0 = current); refused below the compact revision', parseRevision, 0)
    .option('--keys-by-prefix <prefix>', "list only keys with this prefix ('' = all)")
    .option('--list-versions', 'list the kv version of every stored revision of --key (tombstones print 0)')
    .option('--leaf-item', 'read the input as one raw key-bucket value (mvccpb.KeyValue), e.g. from `bolt page-item --value-only`')
    .option('--print-key', 'print the key of the entry (with --leaf-item or --key)')
    .option('--meta-summary', 'print Key, Version, CreateRevision, ModRevision, Lease of the entry (with --leaf-item or --key)')
    .option('--raw', 'print the stored value bytes undecoded (with --key)')
    .option('--fields <list>', `comma-separated fields per listed key: ${FIELDS.join(', ')}`, 'key')
    .option('--template <text>', 'template per listed key: field paths over {Key, Version, Value, TypeMeta, Stats, CreateRevision, ModRevision, Lease}, e.g. "{{.Value.kind}} {{.Value.metadata.name}}"')
    .option('--filter <constraints>', "keep listed keys whose fields equal values: '.Value.metadata.namespace=kube-system[,...]'")
    .addOption(new Option('-o, --output <format>', 'value output format').choices(['yaml', 'json', 'proto']).default('yaml'))
    .option('--encryption-config <file>', ENCRYPTION_CONFIG_HELP)
    .addHelpText(
      'after',
      `
Listing (no --key): one line per live key at the revision, sorted by key bytes: --fields values
joined by one space, or the --template output. Deleted keys are not listed (auger lists them).
Fields: value-size / all-versions-value-size = value bytes of the live / all stored versions;
version-count = etcd's version of the key; stored-versions = entries kept in the db for it;
value = compact JSON of the decoded value (null when it is not JSON or Kubernetes data).
Templates are a safe subset of Go text/template: literal text and field paths only.

Examples:
  etcd-forensics extract -f member/snap/db -k /registry/pods/default/web
  etcd-forensics extract data-dir --fields key,value-size,version-count
  etcd-forensics extract db --template '{{.Value.kind}} {{.Value.metadata.name}}' --filter '.Value.metadata.namespace=kube-system'`,
    )
    .action(
      action(async (out, path: string | undefined, opts: ExtractOptions) => {
        const file = opts.file ?? path;
        opts.encryption = loadEncryptionConfigFile(opts.encryptionConfig);
        opts.failures = new DecryptFailures();
        if (opts.leafItem) return opts.failures.exitCode(await extractLeafItem(out, file, opts));
        if (!file) throw new UsageError('extract needs a db: give a path or -f/--file');
        const hasKey = opts.key !== undefined;
        if (hasKey && opts.keysByPrefix) throw new UsageError('--keys-by-prefix and --key may not be used together');
        if (!hasKey && opts.listVersions) throw new UsageError('--list-versions may only be used with --key');
        if (!hasKey && opts.version !== undefined) throw new UsageError('--version may only be used with --key');
        if (opts.template !== undefined && opts.fields !== 'key') throw new UsageError('--template and --fields may not be used together');
        const code = await withKeyspace(file, (ks) => (hasKey ? extractKey(out, ks, opts) : extractListing(out, ks, opts)));
        return opts.failures.exitCode(code);
      }),
    );
}

function parseVersion(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`version must be an int64, but got ${v}`);
  return Number(v);
}

export async function extractKey(out: Output, ks: Keyspace, opts: ExtractOptions): Promise<number> {
  const key = Buffer.from(opts.key!, 'utf8');
  if (opts.listVersions) {
    const revs = await listVersions(ks, key);
    if (opts.output === 'json') out.line(stringifyJson(revs, 2));
    else for (const r of revs) await out.line(String(r.version));
    return 0;
  }
  const kv = await getKey(ks, key, { revision: opts.revision, version: parseVersion(opts.version) });
  await printEntry(out, kv, opts);
  return 0;
}

async function printEntry(out: Output, kv: KeyValue, opts: ExtractOptions): Promise<void> {
  if (opts.metaSummary) {
    out.write(
      `Key: ${displayKey(kv.key)}\nVersion: ${kv.version}\nCreateRevision: ${kv.createRevision}\n` +
        `ModRevision: ${kv.modRevision}\nLease: ${kv.lease}\n`,
    );
    return;
  }
  if (opts.printKey) {
    out.line(displayKey(kv.key));
    return;
  }
  await printValue(out, kv.value, opts, kv.key);
}

/** Prints one value: raw bytes, or decoded as yaml/json/proto. */
async function printValue(out: Output, value: Uint8Array, opts: ExtractOptions, etcdKey?: Uint8Array): Promise<void> {
  if (opts.raw) {
    await out.bytes(value);
    out.write('\n');
    return;
  }
  if (value.length === 0) throw new ForensicsError('mvcc', '0 byte value');
  const d = decodeValue(value, { encryption: opts.encryption, etcdKey });
  if (d.decryptError) opts.failures.report(d.decryptError);
  if (opts.output === 'json' && d.json !== undefined) {
    out.line(d.json);
    return;
  }
  if (opts.output === 'yaml') {
    const y = valueToYaml(d);
    if (y !== undefined) {
      out.write(y);
      return;
    }
  }
  const proto = opts.output === 'proto' ? valueToProto(d) : undefined;
  if (proto) {
    await out.bytes(proto);
    return;
  }
  if (opts.output === 'proto' && d.encoding === 'json') {
    out.line(d.json!);
    return;
  }
  // Not Kubernetes or JSON data: print it as stored when it is text, Go-quoted otherwise.
  if (d.error && !d.decryptError) process.stderr.write(`etcd-forensics: value printed undecoded: ${escapeTerminal(d.error, true)}\n`);
  out.line(isPrintableUtf8(value) ? Buffer.from(value).toString('utf8') : goQuote(value));
}

const readLeafInput = (file: string | undefined): Promise<Uint8Array> => readWholeInput(file);

async function extractLeafItem(out: Output, file: string | undefined, opts: ExtractOptions): Promise<number> {
  const input = await readLeafInput(file);
  let kv: KeyValue;
  try {
    kv = decodeKeyValue(input, { file: file ?? '<stdin>' });
  } catch (err) {
    // `bolt page-item --value-only` ends its output with a newline: retry without it.
    if (input.length > 0 && input[input.length - 1] === 0x0a) kv = decodeKeyValue(input.subarray(0, -1), { file: file ?? '<stdin>' });
    else throw err;
  }
  await printEntry(out, kv, opts);
  return 0;
}

interface ListingRow {
  st: KeyState;
  kv?: KeyValue;
  decoded?: DecodedValue;
}

function templateData(row: ListingRow): Record<string | symbol, unknown> {
  const { st, kv, decoded } = row;
  const key = keyBytes(st.keyString);
  return {
    [GO_STRUCT]: true,
    Key: displayKey(key),
    Version: BigInt(st.version),
    Value: decoded?.object ?? null,
    TypeMeta:
      decoded?.kind !== undefined || decoded?.apiVersion !== undefined
        ? { [GO_STRUCT]: true, APIVersion: decoded.apiVersion ?? '', Kind: decoded.kind ?? '' }
        : null,
    Stats: {
      [GO_STRUCT]: true,
      VersionCount: st.version,
      KeySize: key.length,
      ValueSize: st.valueSize,
      AllVersionsKeySize: key.length * (st.storedVersions - st.tombstones),
      AllVersionsValueSize: st.allVersionsValueSize,
    },
    CreateRevision: BigInt(st.createRevision),
    ModRevision: BigInt(st.modRevision),
    Lease: kv?.lease ?? null,
  };
}

function fieldValue(field: string, row: ListingRow): string {
  const st = row.st;
  switch (field) {
    case 'key':
      return displayKey(keyBytes(st.keyString));
    case 'value-size':
      return String(st.valueSize);
    case 'all-versions-value-size':
      return String(st.allVersionsValueSize);
    case 'version-count':
    case 'version':
      return String(st.version);
    case 'value':
      return row.decoded?.object !== undefined ? goJsonMarshal(row.decoded.object) : 'null';
    case 'create-revision':
      return String(st.createRevision);
    case 'mod-revision':
      return String(st.modRevision);
    case 'lease':
      return String(row.kv?.lease ?? 0n);
    case 'stored-versions':
      return String(st.storedVersions);
    case 'all-versions-stored-bytes':
      return String(st.allVersionsStoredBytes);
    default:
      throw new UsageError(`unrecognized field: ${field}`);
  }
}

export async function extractListing(out: Output, ks: Keyspace, opts: ExtractOptions): Promise<number> {
  const fields = opts.fields.split(',').map((f) => f.trim());
  if (fields.length === 0 || fields.some((f) => f === '')) throw new UsageError('no fields provided, nothing to output');
  for (const f of fields) if (!(FIELDS as readonly string[]).includes(f)) throw new UsageError(`unrecognized field: ${f}`);
  const template: Template | undefined = opts.template !== undefined ? parseTemplate(opts.template) : undefined;
  if (template && opts.template === '') throw new UsageError('no template provided, nothing to output');
  const filters: FieldFilter[] = opts.filter ? parseFilters(opts.filter) : [];
  const needKv = template !== undefined || filters.length > 0 || fields.includes('value') || fields.includes('lease');
  const needDecoded = template !== undefined || filters.length > 0 || fields.includes('value');

  const prefix = opts.keysByPrefix ? Buffer.from(opts.keysByPrefix, 'utf8') : undefined;
  // a listing of a damaged db lists what is readable; the skipped entries go to stderr (exit 1)
  const listing = await listKeys(ks, { revision: opts.revision, prefix, skipDamaged: true });
  for (const st of listing.keys) {
    const row: ListingRow = { st };
    if (needKv) row.kv = await loadKeyValue(ks, st);
    if (needDecoded && row.kv) {
      row.decoded = decodeValue(row.kv.value, { encryption: opts.encryption, etcdKey: row.kv.key });
      if (row.decoded.decryptError) opts.failures.report(row.decoded.decryptError);
    }
    if (filters.length && !matchesFilters(filters, templateData(row))) continue;
    const line = template ? escapeTerminal(executeTemplate(template, templateData(row))) : fields.map((f) => fieldValue(f, row)).join(' ');
    const p = out.line(line);
    if (p) await p;
  }
  return reportSkippedEntries(listing);
}
