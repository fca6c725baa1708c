// `decode` and `encode`: the Kubernetes storage codec on the command line (auger's
// decode/encode). Input is a raw stored value or `etcdctl get` output (key line + value).
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { escapeControl, outputOption } from '../output/format.js';
import { parseEtcdctlGet, type EtcdctlPair } from '../../k8s/etcdctl-output.js';
import { ReadError, UnsupportedError, UsageError, CorruptDataError, ExitCode, ForensicsError, exitCodeFor } from '../../errors.js';
import { decodeStorageValue, describeUndecodable, encodeStorageValue, toCompactJson, toJson, toYaml, type DecodedValue } from '../../k8s/index.js';
import { yamlToJsonText } from '../../k8s/yaml-input.js';
import { describeFsError } from '../../io/byte-source.js';
import { schemaForRelease, type K8sSchema } from '../../k8s/schema.js';

async function readInput(file: string | undefined): Promise<Uint8Array> {
  if (file !== undefined) {
    try {
      return new Uint8Array(readFileSync(file));
    } catch (e) {
      throw new ReadError('decode', describeFsError(e), { file });
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
export function valueFromInput(input: Uint8Array, keyLine = true): Uint8Array {
  let v = input;
  if (keyLine && v[0] === 0x2f) {
    const nl = v.indexOf(0x0a);
    if (nl > 0) v = v.subarray(nl + 1);
  }
  if (v.length > 0 && v[v.length - 1] === 0x0a) v = v.subarray(0, v.length - 1);
  return v;
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
export function batchReply(hexLine: string, schema?: K8sSchema): string {
  try {
    const line = hexLine.trim();
    if (!/^([0-9a-fA-F]{2})*$/.test(line)) throw new UsageError('input line is not hex');
    // One trailing newline is dropped, as for --file (a value copied with its line end).
    const d = decodeStorageValue(valueFromInput(new Uint8Array(Buffer.from(line, 'hex')), false), schema, 'compact');
    if (d.encoding === 'encrypted' || d.encoding === 'cbor') throw new UnsupportedError('k8s', describeUndecodable(d));
    const text = toCompactJson(d);
    return `OK|${text}\n`;
  } catch (e) {
    const msg = e instanceof ForensicsError ? e.message : String((e as Error).message ?? e);
    return `ERROR:${msg.replace(/[\r\n|]/g, ' ')}|\n`;
  }
}

async function runBatch(out: import('../output/stdout.js').Output, schema: K8sSchema | undefined): Promise<number> {
  let pending = '';
  const flushLines = async (final: boolean): Promise<void> => {
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      await out.write(batchReply(line, schema));
      await out.flush(); // the caller waits for each reply before sending the next line
    }
    if (final && pending.length) {
      await out.write(batchReply(pending, schema));
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
): Promise<number> {
  if (output === 'proto') throw new UsageError('-o proto takes one value, the input has ' + pairs.length);
  let code: number = ExitCode.Ok;
  const docs: string[] = [];
  for (const p of pairs) {
    const key = p.key ? escapeControl(new TextDecoder().decode(p.key)) : '<value>';
    try {
      const d = decodeStorageValue(p.value, schema, style);
      if (d.encoding === 'encrypted' || d.encoding === 'cbor') throw new UnsupportedError('k8s', describeUndecodable(d));
      const r = render(d, output, metaOnly) as string;
      docs.push(output === 'json' ? r.replace(/\n$/, '') : `# ${key}\n${r}`);
    } catch (e) {
      if (!(e instanceof ForensicsError)) throw e;
      process.stderr.write(`etcd-forensics: ${key}: ${e.message.replace(/[\r\n]+/g, ' ')}\n`);
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
      'Decode a Kubernetes object as stored in etcd (k8s\\0 protobuf, JSON, or report k8s:enc: encryption / CBOR). ' +
        'Input: the raw value, or `etcdctl get` output with any number of keys (`--prefix`: key line, value line, ...; ' +
        'or `-w json` with base64 keys and values); several objects print as YAML documents (`# key` and `---`) or a JSON array.',
    )
    .option('--file <path>', 'read the value from this file (default: stdin)')
    .addOption(outputOption(['yaml', 'json', 'proto'], 'yaml').argParser((v) => v))
    .option('--meta-only', 'print only the TypeMeta (apiVersion and kind)')
    .option('--batch-process', "line protocol for `dump-logs --stream-decoder`: hex values in, one `OK|<json>` or `ERROR:<msg>|` line out per input line")
    .option('--k8s-release <version>', RELEASE_HELP)
    .action(
      action(async (out, opts: { file?: string; output: string; metaOnly?: boolean; batchProcess?: boolean; k8sRelease?: string }) => {
        if (!['yaml', 'json', 'proto'].includes(opts.output)) throw new UsageError(`-o must be yaml, json or proto`);
        const schema = releaseSchema(opts.k8sRelease);
        if (opts.batchProcess) return runBatch(out, schema);
        const pairs = parseEtcdctlGet(await readInput(opts.file));
        const style = opts.output === 'yaml' && !opts.metaOnly ? 'yaml' : 'json';
        if (pairs.length === 1) {
          const d = decodeStorageValue(pairs[0]!.value, schema, style);
          if (d.encoding === 'encrypted' || d.encoding === 'cbor') throw new UnsupportedError('k8s', describeUndecodable(d));
          const r = render(d, opts.output, !!opts.metaOnly);
          if (typeof r === 'string') await out.write(r);
          else await out.bytes(r);
          return ExitCode.Ok;
        }
        return decodeMany(out, pairs, schema, style, opts.output, !!opts.metaOnly);
      }),
    );

  program
    .command('encode')
    .description('Encode a Kubernetes object (YAML or JSON) into the bytes the apiserver stores in etcd (k8s\\0 + runtime.Unknown protobuf), written to stdout')
    .option('--file <path>', 'read the object from this file (default: stdin)')
    .addOption(new Option('-f, --format <format>', 'input format').choices(['yaml', 'json', 'proto']).default('yaml'))
    .option('--k8s-release <version>', RELEASE_HELP)
    .action(
      action(async (out, opts: { file?: string; format: string; k8sRelease?: string }) => {
        if (opts.format === 'proto') throw new UsageError('encode: proto input is not supported (the storage format is already protobuf)');
        const schema = releaseSchema(opts.k8sRelease);
        const text = Buffer.from(await readInput(opts.file)).toString('utf8');
        const json = opts.format === 'json' ? text : yamlToJsonText(text);
        await out.bytes(encodeStorageValue(json, schema));
        return ExitCode.Ok;
      }),
    );
}
