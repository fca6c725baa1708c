// `decode` and `encode`: the Kubernetes storage codec on the command line (auger's
// decode/encode). Input is a raw stored value or `etcdctl get` output (key line + value).
import { readWholeInput } from '../../io/byte-source.js';
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { outputOption } from '../output/format.js';
import { escapeTerminal } from '../../io/terminal.js';
import { parseEtcdctlGet, type EtcdctlPair } from '../../k8s/etcdctl-output.js';
import { UnsupportedError, UsageError, CorruptDataError, ExitCode, ForensicsError, exitCodeFor } from '../../errors.js';
import { decodeStorageValue, describeUndecodable, encodeStorageValue, toCompactJson, toJson, toYaml, type DecodedValue } from '../../k8s/index.js';
import { yamlToJsonText } from '../../k8s/yaml-input.js';
import { JsonSyntaxError } from '../../io/json-value.js';
import { schemaForRelease, type K8sSchema } from '../../k8s/schema.js';
import { decryptStorageValue, DecryptionError, encryptStorageValue, parseEncryptionEnvelope, type EncryptionConfig } from '../../k8s/encryption/index.js';
import { decodeMessage } from '../../proto/decode.js';
import { DecryptFailures, ENCRYPTION_CONFIG_HELP, loadEncryptionConfigFile } from '../encryption.js';

const readInput = (file: string | undefined): Promise<Uint8Array> => readWholeInput(file);

/**
 * The stored value inside the input: `etcdctl get KEY` prints the key line first, so a
 * leading `/…\n` line is dropped; one trailing newline is stripped (as auger does).
 */
export function valueFromInput(input: Uint8Array, keyLine = true): Uint8Array {
  return splitEtcdctlInput(input, keyLine).value;
}

/** The key line of `etcdctl get` output (when there is one and `keyLine`) and the value. */
function splitEtcdctlInput(input: Uint8Array, keyLine = true): { key?: string; value: Uint8Array } {
  let v = input;
  let key: string | undefined;
  if (keyLine && v[0] === 0x2f) {
    const nl = v.indexOf(0x0a);
    if (nl > 0) {
      key = Buffer.from(v.subarray(0, nl)).toString('utf8');
      v = v.subarray(nl + 1);
    }
  }
  if (v.length > 0 && v[v.length - 1] === 0x0a) v = v.subarray(0, v.length - 1);
  return key === undefined ? { value: v } : { key, value: v };
}

/**
 * A WAL entry's data (the stream decoder's input) holds an InternalRaftRequest: its put's
 * value is what is stored, its key the authenticated data. Other inputs: the value itself.
 */
function decryptBatchValue(bytes: Uint8Array, encryption: EncryptionConfig, etcdKey: string | undefined): Uint8Array {
  if (parseEncryptionEnvelope(bytes)) return decryptStorageValue(bytes, { config: encryption, etcdKey: etcdKey ?? '' }).data;
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('k8s:enc:') < 0) return bytes;
  let put: { key?: unknown; value?: unknown } | undefined;
  try {
    put = decodeMessage('etcdserverpb.InternalRaftRequest', bytes)['put'] as typeof put;
  } catch {
    return bytes;
  }
  if (!(put?.value instanceof Uint8Array) || !parseEncryptionEnvelope(put.value)) return bytes;
  const key = put.key instanceof Uint8Array ? Buffer.from(put.key).toString('utf8') : (etcdKey ?? '');
  return decryptStorageValue(put.value, { config: encryption, etcdKey: key }).data;
}

function render(d: DecodedValue, output: string, metaOnly: boolean): string | Uint8Array {
  if (metaOnly) {
    if (d.encoding === 'encrypted') throw new UnsupportedError('k8s', describeUndecodable(d));
    return `TypeMeta.APIVersion: ${d.apiVersion}\nTypeMeta.Kind: ${d.kind}\n`;
  }
  if (output === 'proto') {
    if (d.encoding !== 'protobuf') throw new UnsupportedError('k8s', `-o proto needs a protobuf value, this one is ${d.encoding}`);
    return d.raw ?? new Uint8Array(0);
  }
  if (output === 'json') return toJson(d) + '\n';
  return toYaml(d);
}

/** One `--batch-process` reply line: `OK|<compact JSON>` or `ERROR:<message>|`. */
export function batchReply(hexLine: string, schema?: K8sSchema, encryption?: EncryptionConfig, etcdKey?: string): string {
  try {
    const line = hexLine.trim();
    if (!/^([0-9a-fA-F]{2})*$/.test(line)) throw new UsageError('input line is not hex');
    // One trailing newline is dropped, as for --file (a value copied with its line end);
    // never from ciphertext, whose last byte may be 0x0a.
    const raw = new Uint8Array(Buffer.from(line, 'hex'));
    let bytes: Uint8Array = parseEncryptionEnvelope(raw) ? raw : valueFromInput(raw, false);
    if (encryption) bytes = decryptBatchValue(bytes, encryption, etcdKey);
    const d = decodeStorageValue(bytes, schema, 'compact');
    if (d.encoding === 'encrypted') throw new UnsupportedError('k8s', describeUndecodable(d));
    const text = toCompactJson(d);
    return `OK|${text}\n`;
  } catch (e) {
    const msg = e instanceof ForensicsError ? e.message : String((e as Error).message ?? e);
    return `ERROR:${msg.replace(/[\r\n|]/g, ' ')}|\n`;
  }
}

async function runBatch(out: import('../output/stdout.js').Output, schema: K8sSchema | undefined, encryption?: EncryptionConfig, etcdKey?: string): Promise<number> {
  let pending = '';
  const flushLines = async (final: boolean): Promise<void> => {
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      await out.write(batchReply(line, schema, encryption, etcdKey));
      await out.flush(); // the caller waits for each reply before sending the next line
    }
    if (final && pending.length) {
      await out.write(batchReply(pending, schema, encryption, etcdKey));
      pending = '';
    }
  };
  for await (const c of process.stdin) {
    pending += (c as Buffer).toString('latin1');
    await flushLines(false);
  }
  await flushLines(true);
  return ExitCode.Ok;
}

/**
 * Several pairs (`etcdctl get --prefix`): YAML documents headed by `# <key>` and separated
 * by `---`, or a JSON array of the objects. A value that cannot be decoded is named on
 * stderr, the rest still print, and the exit code is that of the worst failure.
 */
async function decodeMany(
  out: import('../output/stdout.js').Output,
  pairs: EtcdctlPair[],
  schema: K8sSchema | undefined,
  style: 'yaml' | 'json',
  output: string,
  metaOnly: boolean,
  encryption?: EncryptionConfig,
): Promise<number> {
  if (output === 'proto') throw new UsageError('-o proto takes one value, the input has ' + pairs.length);
  let code: number = ExitCode.Ok;
  const docs: string[] = [];
  for (const p of pairs) {
    const key = p.key ? escapeTerminal(new TextDecoder().decode(p.key), true) : '<value>';
    try {
      let value = p.value;
      if (encryption && p.key && parseEncryptionEnvelope(value)) value = decryptStorageValue(value, { config: encryption, etcdKey: Buffer.from(p.key).toString('utf8') }).data;
      const d = decodeStorageValue(value, schema, style);
      if (d.encoding === 'encrypted') throw new UnsupportedError('k8s', describeUndecodable(d));
      const r = render(d, output, metaOnly) as string;
      docs.push(output === 'json' ? r.replace(/\n$/, '') : `# ${key}\n${r}`);
    } catch (e) {
      if (!(e instanceof ForensicsError)) throw e;
      process.stderr.write(`etcd-forensics: ${key}: ${escapeTerminal(e.message, true)}\n`);
      code = Math.max(code, exitCodeFor(e));
    }
  }
  if (output === 'json') await out.write(`[${docs.length ? '\n' + docs.join(',\n') + '\n' : ''}]\n`);
  else await out.write(docs.join('---\n'));
  return code;
}

const RELEASE_HELP =
  'render / write as this Kubernetes release did (e.g. 1.24, v1.29.3): fields it lacked are not shown when absent nor written as zeros; default: the newest behaviour';

/** The schema view for --k8s-release (undefined: the built-in schema, newest behaviour). */
function releaseSchema(release: string | undefined): K8sSchema | undefined {
  return release === undefined ? undefined : schemaForRelease(release);
}

export function registerK8sCommands(program: Command): void {
  program
    .command('decode')
    .description(
      'Decode a Kubernetes object as stored in etcd (k8s\\0 protobuf, CBOR, JSON, or report k8s:enc: encryption). ' +
        'Input: the raw value, or `etcdctl get` output with any number of keys (`--prefix`: key line, value line, ...; ' +
        'or `-w json` with base64 keys and values); several objects print as YAML documents (`# key` and `---`) or a JSON array.',
    )
    .option('--file <path>', 'read the value from this file (default: stdin)')
    .addOption(outputOption(['yaml', 'json', 'proto'], 'yaml').argParser((v) => v))
    .option('--meta-only', 'print only the TypeMeta (apiVersion and kind)')
    .option('--batch-process', "line protocol for `dump-logs --stream-decoder`: hex values in, one `OK|<json>` or `ERROR:<msg>|` line out per input line")
    .option('--k8s-release <version>', RELEASE_HELP)
    .option('--encryption-config <file>', ENCRYPTION_CONFIG_HELP)
    .option('--key <etcd key>', "the value's etcd key, for --encryption-config (default: the key line of `etcdctl get` input; for --batch-process: the put's key in each WAL entry)")
    .action(
      action(async (out, opts: { file?: string; output: string; metaOnly?: boolean; batchProcess?: boolean; k8sRelease?: string; encryptionConfig?: string; key?: string }) => {
        if (!['yaml', 'json', 'proto'].includes(opts.output)) throw new UsageError(`-o must be yaml, json or proto`);
        const schema = releaseSchema(opts.k8sRelease);
        const encryption = loadEncryptionConfigFile(opts.encryptionConfig);
        if (opts.batchProcess) return runBatch(out, schema, encryption, opts.key);
        const pairs = parseEtcdctlGet(await readInput(opts.file));
        const style = opts.output === 'yaml' && !opts.metaOnly ? 'yaml' : 'json';
        if (pairs.length === 1) {
          const p = pairs[0]!;
          let value = p.value;
          if (encryption && parseEncryptionEnvelope(value)) {
            const etcdKey = opts.key ?? (p.key ? Buffer.from(p.key).toString('utf8') : undefined);
            if (etcdKey === undefined) throw new UsageError('decode: the value is encrypted: give its etcd key with --key (AES-GCM authenticates it; it picks the resource)');
            try {
              value = decryptStorageValue(value, { config: encryption, etcdKey }).data;
            } catch (e) {
              if (!(e instanceof DecryptionError)) throw e;
              const failures = new DecryptFailures();
              failures.report(e);
              const env = parseEncryptionEnvelope(value)!;
              await out.write(`value is encrypted at rest (provider ${env.provider} ${env.version}, key ${JSON.stringify(env.keyName)}) and was not decrypted\n`);
              return failures.exitCode();
            }
          }
          const d = decodeStorageValue(value, schema, style);
          if (d.encoding === 'encrypted') throw new UnsupportedError('k8s', describeUndecodable(d));
          const r = render(d, opts.output, !!opts.metaOnly);
          if (typeof r === 'string') await out.write(r);
          else await out.bytes(r);
          return ExitCode.Ok;
        }
        return decodeMany(out, pairs, schema, style, opts.output, !!opts.metaOnly, encryption);
      }),
    );

  program
    .command('encode')
    .description('Encode a Kubernetes object (YAML or JSON) into the bytes the apiserver stores in etcd (k8s\\0 + runtime.Unknown protobuf), written to stdout')
    .option('--file <path>', 'read the object from this file (default: stdin)')
    .addOption(new Option('-f, --format <format>', 'input format').choices(['yaml', 'json', 'proto']).default('yaml'))
    .option('--k8s-release <version>', RELEASE_HELP)
    .addOption(new Option('--encoding <encoding>', 'storage encoding to write: protobuf (built-in kinds) or cbor (the CBOR storage gate: d9d9f7 + the object)').choices(['protobuf', 'cbor']).default('protobuf'))
    .option('--encryption-config <file>', 'encrypt as kube-apiserver would with this EncryptionConfiguration (the first provider for the resource of --key)')
    .option('--key <etcd key>', 'the etcd key the value will be stored under (needed with --encryption-config: it picks the resource and is AES-GCM authenticated data)')
    .action(
      action(async (out, opts: { file?: string; format: string; k8sRelease?: string; encoding: 'protobuf' | 'cbor'; encryptionConfig?: string; key?: string }) => {
        if (opts.format === 'proto') throw new UsageError('encode: proto input is not supported (the storage format is already protobuf)');
        const schema = releaseSchema(opts.k8sRelease);
        const encryption = loadEncryptionConfigFile(opts.encryptionConfig);
        if (encryption && opts.key === undefined) throw new UsageError('encode: --encryption-config needs --key (the etcd key the value will be stored under)');
        const text = Buffer.from(await readInput(opts.file)).toString('utf8');
        const file = opts.file ?? '<stdin>';
        const json = opts.format === 'json' ? text : yamlToJsonText(text);
        let stored: Uint8Array;
        try {
          stored = encodeStorageValue(json, schema, { encoding: opts.encoding });
        } catch (e) {
          // the parser knows the offset, the command knows the file
          if (e instanceof JsonSyntaxError) {
            throw new CorruptDataError('json', `invalid JSON: ${e.detail}`, { file, offset: e.at, ...(opts.format === 'json' ? {} : { where: 'in the JSON converted from YAML' }) });
          }
          throw e;
        }
        await out.bytes(encryption ? encryptStorageValue(stored, { config: encryption, etcdKey: opts.key! }) : stored);
        return ExitCode.Ok;
      }),
    );
}
