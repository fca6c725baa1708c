// `decode` and `encode`: the Kubernetes storage codec on the command line (auger's
// decode/encode). Input is a raw stored value or `etcdctl get` output (key line + value).
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { outputOption } from '../output/format.js';
import { ReadError, UnsupportedError, UsageError, CorruptDataError, ExitCode, ForensicsError } from '../../errors.js';
import { decodeStorageValue, describeUndecodable, encodeStorageValue, toCompactJson, toJson, toYaml, type DecodedValue } from '../../k8s/index.js';
import { yamlToJsonText } from '../../k8s/yaml-input.js';
import { schemaForRelease, type K8sSchema } from '../../k8s/schema.js';
import { decryptStorageValue, DecryptionError, encryptStorageValue, parseEncryptionEnvelope, type EncryptionConfig } from '../../k8s/encryption/index.js';
import { decodeMessage } from '../../proto/decode.js';
import { DecryptFailures, ENCRYPTION_CONFIG_HELP, loadEncryptionConfigFile } from '../encryption.js';

async function readInput(file: string | undefined): Promise<Uint8Array> {
  if (file !== undefined) {
    try {
      return new Uint8Array(readFileSync(file));
    } catch (e) {
      throw new ReadError('k8s', (e as Error).message, { file });
    }
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The stored value inside the input: `etcdctl get KEY` prints the key line first, so a
 * leading `/…\n` line is dropped; one trailing newline is stripped (as auger does).
 */
export function valueFromInput(input: Uint8Array): Uint8Array {
  return splitEtcdctlInput(input).value;
}

/** The key line of `etcdctl get` output (when there is one) and the value. */
function splitEtcdctlInput(input: Uint8Array): { key?: string; value: Uint8Array } {
  let v = input;
  let key: string | undefined;
  if (v[0] === 0x2f) {
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
    if (d.encoding === 'encrypted' || d.encoding === 'cbor') throw new UnsupportedError('k8s', describeUndecodable(d));
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
    let bytes: Uint8Array = new Uint8Array(Buffer.from(line, 'hex'));
    if (encryption) bytes = decryptBatchValue(bytes, encryption, etcdKey);
    const d = decodeStorageValue(bytes, schema, 'compact');
    if (d.encoding === 'encrypted' || d.encoding === 'cbor') throw new UnsupportedError('k8s', describeUndecodable(d));
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
      'Decode a Kubernetes object as stored in etcd (k8s\\0 protobuf, JSON, or report k8s:enc: encryption / CBOR). ' +
        'Input: the raw value, or `etcdctl get KEY` output (key line + value).',
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
        const input = splitEtcdctlInput(await readInput(opts.file));
        let value = input.value;
        if (encryption && parseEncryptionEnvelope(value)) {
          const etcdKey = opts.key ?? input.key;
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
        const d = decodeStorageValue(value, schema, opts.output === 'yaml' && !opts.metaOnly ? 'yaml' : 'json');
        if (d.encoding === 'encrypted' || d.encoding === 'cbor') throw new UnsupportedError('k8s', describeUndecodable(d));
        const r = render(d, opts.output, !!opts.metaOnly);
        if (typeof r === 'string') await out.write(r);
        else await out.bytes(r);
        return ExitCode.Ok;
      }),
    );

  program
    .command('encode')
    .description('Encode a Kubernetes object (YAML or JSON) into the bytes the apiserver stores in etcd (k8s\\0 + runtime.Unknown protobuf), written to stdout')
    .option('--file <path>', 'read the object from this file (default: stdin)')
    .addOption(new Option('-f, --format <format>', 'input format').choices(['yaml', 'json', 'proto']).default('yaml'))
    .option('--k8s-release <version>', RELEASE_HELP)
    .option('--encryption-config <file>', 'encrypt as kube-apiserver would with this EncryptionConfiguration (the first provider for the resource of --key)')
    .option('--key <etcd key>', 'the etcd key the value will be stored under (needed with --encryption-config: it picks the resource and is AES-GCM authenticated data)')
    .action(
      action(async (out, opts: { file?: string; format: string; k8sRelease?: string; encryptionConfig?: string; key?: string }) => {
        if (opts.format === 'proto') throw new UsageError('encode: proto input is not supported (the storage format is already protobuf)');
        const schema = releaseSchema(opts.k8sRelease);
        const encryption = loadEncryptionConfigFile(opts.encryptionConfig);
        if (encryption && opts.key === undefined) throw new UsageError('encode: --encryption-config needs --key (the etcd key the value will be stored under)');
        const text = Buffer.from(await readInput(opts.file)).toString('utf8');
        const json = opts.format === 'json' ? text : yamlToJsonText(text);
        const stored = encodeStorageValue(json, schema);
        await out.bytes(encryption ? encryptStorageValue(stored, { config: encryption, etcdKey: opts.key! }) : stored);
        return ExitCode.Ok;
      }),
    );
}
