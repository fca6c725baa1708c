// CBOR (KEP-4222) against apimachinery's own serializer: oracles/cbor-vectors (Go, built by
// scripts/oracles.sh) turns every HEAD testdata object into CBOR, typed (JSON → Go object →
// CBOR) and unstructured (JSON → unstructured → CBOR, what a custom resource is), plus the
// JSON the apiserver serves for the typed CBOR. Checks, per vector: decode → JSON deep-equals
// the source JSON (typed: byte-identical to what Go serves), → YAML byte-identical to the
// source YAML, and encode(source JSON) → the Go bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeStorageValue, encodeStorageValue, toJson, toYaml } from '../../src/k8s/index.js';
import { loadSchema, schemaForRelease } from '../../src/k8s/schema.js';
import { jsonEqual, parseJson } from '../../src/io/json-value.js';
import { firstDiff } from './testdata.js';
import { runCli } from '../helpers.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const shared = process.env.ETCD_FORENSICS_SHARED ?? resolve(root, '..', 'shared');
const head = join(shared, 'k8s-api', 'testdata', 'HEAD');
const oracle = join(process.env.ORACLES_BIN ?? join(root, '.oracles', 'bin'), 'cbor-vectors-v0.36.3');
const missing = !existsSync(head) ? `${head} not found` : !existsSync(oracle) ? `${oracle} not built (scripts/oracles.sh cbor-vectors)` : undefined;
if (missing) {
  if (process.env.CI === 'true') throw new Error(`cbor test: ${missing}`);
  process.stderr.write(`\n*** SKIPPING CBOR vectors: ${missing} ***\n\n`);
}

/** A schema that knows no kind: everything is unstructured (custom resources). */
const UNSTRUCTURED = loadSchema('{"v":1,"releases":[],"kinds":[],"types":[]}');

interface Entry {
  name: string;
  typed: boolean;
  unstructured: boolean;
  skipped?: string;
}

/**
 * One release's vectors. Typed vectors hold what the v0.36.3 Go types keep: HEAD (1.37)
 * fields they lack are dropped on JSON → Go, so typed vectors are held to the JSON Go serves
 * for them (and encode that JSON), and to the source JSON where the types are the same (1.36).
 */
function checkRelease(release: string, failures: string[]): string {
  const dir = join(shared, 'k8s-api', 'testdata', release);
  const out = mkdtempSync(join(tmpdir(), 'ef-cbor-'));
  try {
    execFileSync(oracle, [dir, out], { stdio: ['ignore', 'ignore', 'inherit'] });
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as Entry[];
    const rows = { typed: { n: 0, json: 0, served: 0, yaml: 0, encode: 0 }, unstructured: { n: 0, json: 0, served: 0, yaml: 0, encode: 0 } };
    const sourceDiffs: string[] = [];
    // zero creationTimestamps as Go v0.36.3 writes (protobuf) and renders (omitzero, from 1.34) them
    const zero = { n: 0, json: 0, encode: 0 };
    const v136 = schemaForRelease('1.36');
    for (const e of index) {
      const srcText = readFileSync(join(dir, e.name + '.json'), 'utf8');
      const src = parseJson(srcText);
      const yamlFile = join(dir, e.name + '.yaml');
      const srcYaml = existsSync(yamlFile) ? readFileSync(yamlFile, 'utf8') : undefined;
      // (over HEAD data too: 1.36's code keeps what 1.36 has, e.g. a removed map rendered null)
      const zeroPb = join(out, e.name + '.zero-ctime.pb');
      if (existsSync(zeroPb)) {
        zero.n++;
        const pb = new Uint8Array(readFileSync(zeroPb));
        const goJson = readFileSync(join(out, e.name + '.zero-ctime.json'), 'utf8');
        const label = `${release}/${e.name} (zero creationTimestamp)`;
        try {
          // the writer is 1.36's Go code: its view (fields HEAD changed render as 1.36 did)
          const got = toJson(decodeStorageValue(pb, v136));
          if (got === goJson) zero.json++;
          else failures.push(`${label} json: ${firstDiff(parseJson(got), parseJson(goJson)) ?? 'layout'}`);
          if (Buffer.compare(Buffer.from(encodeStorageValue(goJson, v136)), Buffer.from(pb)) === 0) zero.encode++;
          else failures.push(`${label} encode differs`);
        } catch (err) {
          failures.push(`${label}: ${(err as Error).message}`);
        }
      }
      for (const mode of ['typed', 'unstructured'] as const) {
        if (!e[mode]) continue;
        const r = rows[mode];
        r.n++;
        const schema = mode === 'typed' ? undefined : UNSTRUCTURED;
        const bytes = new Uint8Array(readFileSync(join(out, e.name + (mode === 'typed' ? '.cbor' : '.unstructured.cbor'))));
        const label = `${release}/${e.name} (${mode})`;
        // typed: the text the apiserver serves (json.MarshalIndent of the object decoded from this CBOR)
        const served = mode === 'typed' ? readFileSync(join(out, e.name + '.served.json'), 'utf8') : undefined;
        const sameAsSource = served === undefined || jsonEqual(parseJson(served), src);
        try {
          const d = decodeStorageValue(bytes, schema);
          assert.equal(d.encoding, 'cbor');
          const json = toJson(d);
          const diff = firstDiff(parseJson(json), src);
          if (!diff) r.json++;
          else (sameAsSource ? failures : sourceDiffs).push(`${label} json: ${diff}`);
          if (served === undefined || json === served) r.served++;
          else failures.push(`${label} served text differs: ${firstDiff(parseJson(json), parseJson(served)) ?? 'layout'}`);
          if (srcYaml !== undefined && sameAsSource) {
            if (toYaml(d) === srcYaml) r.yaml++;
            else failures.push(`${label} yaml differs`);
          } else r.yaml++;
        } catch (err) {
          failures.push(`${label} decode: ${(err as Error).message}`);
        }
        try {
          const enc = encodeStorageValue(served ?? srcText, schema, { encoding: 'cbor' });
          if (Buffer.compare(Buffer.from(enc), Buffer.from(bytes)) === 0) r.encode++;
          else {
            let at = 0;
            while (at < enc.length && enc[at] === bytes[at]) at++;
            failures.push(`${label} encode: bytes differ at ${at} (${enc.length} vs ${bytes.length} bytes)`);
          }
        } catch (err) {
          failures.push(`${label} encode: ${(err as Error).message}`);
        }
      }
    }
    const skipped = index.filter((e) => e.skipped).map((e) => e.name);
    return (
      Object.entries(rows)
        .map(([k, r]) => `${release.padEnd(8)} ${k.padEnd(13)} objects ${r.n}  json=source ${r.json}  json=served ${r.served}  yaml ${r.yaml}  encode ${r.encode}\n`)
        .join('') +
      (zero.n ? `${release.padEnd(8)} protobuf with zero creationTimestamps (Go's JSON omits them): objects ${zero.n}  json (text) ${zero.json}  encode ${zero.encode}\n` : '') +
      (sourceDiffs.length ? `  ${sourceDiffs.length} typed objects differ from the source JSON only where the v0.36.3 types lack the field (e.g. ${sourceDiffs[0]})\n` : '') +
      (skipped.length ? `  not typed by the v0.36.3 scheme, or not an object: ${skipped.join(', ')}\n` : '')
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('CBOR: apimachinery v0.36.3 serializer vectors (1.36 and HEAD testdata), decode and encode', { skip: missing }, () => {
  const failures: string[] = [];
  let table = 'CBOR vectors (k8s.io/apimachinery v0.36.3 serializer):\n';
  for (const release of ['v1.36.0', 'HEAD']) table += checkRelease(release, failures);
  if (failures.length) table += 'first failures:\n' + failures.slice(0, 15).map((f) => '  ' + f + '\n').join('');
  process.stdout.write(table);
  assert.deepEqual(failures, []);
});

test('CBOR: damaged values fail with one error naming the offset, never a crash', () => {
  const good = encodeStorageValue('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"b"},"data":{"k":"v"}}', undefined, { encoding: 'cbor' });
  assert.deepEqual([...good.subarray(0, 3)], [0xd9, 0xd9, 0xf7]);
  assert.ok(jsonEqual(parseJson(toJson(decodeStorageValue(good))), parseJson('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"b"},"data":{"k":"v"}}')));
  for (let cut = 3; cut < good.length; cut++) {
    assert.throws(() => decodeStorageValue(good.subarray(0, cut)), (e: Error) => /^k8s: @\d+: CBOR value: /.test(e.message), `cut at ${cut}`);
  }
  // a length far beyond the input, an indefinite-length map, a duplicate key, trailing bytes
  const cases: [string, RegExp][] = [
    ['d9d9f7bb00000000ffffffff', /length 4294967295 runs past the end/],
    ['d9d9f7bf ff', /indefinite-length/],
    ['d9d9f7a2 416b 01 416b 02', /duplicate map key "k"/],
    ['d9d9f7a0 00', /1 bytes after the object/],
    ['d9d9f7 83 01 02 03', /expected a map/],
    ['d9d9f7a1 416b c1 01', /unsupported tag 1/],
  ];
  for (const [hex, re] of cases) assert.throws(() => decodeStorageValue(new Uint8Array(Buffer.from(hex.replace(/ /g, ''), 'hex'))), (e: Error) => re.test(e.message), hex);
});

test('CLI: encode --encoding cbor and decode of a custom resource (unstructured: keys sorted, ints and floats kept apart)', async () => {
  const cr = '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"default","labels":{"b":"2","a":"1"}},"spec":{"size":3,"ratio":0.5,"big":9007199254740993,"tags":["x"],"blob":"aGk="}}';
  const enc = await runCli(['encode', '-f', 'json', '--encoding', 'cbor'], { input: cr });
  assert.equal(enc.code, 0, enc.stderr);
  assert.equal(enc.stdout.subarray(0, 3).toString('hex'), 'd9d9f7');
  // 3 is an int (0x03), 0.5 the float16 f9 3800, the string a byte string (major 2)
  assert.ok(enc.stdout.includes(Buffer.from('4473697a6503', 'hex')) && enc.stdout.includes(Buffer.from('4572617469' + '6ff93800', 'hex')));
  const dec = await runCli(['decode', '-o', 'json'], { input: enc.stdout });
  assert.equal(dec.code, 0, dec.stderr);
  assert.equal(
    dec.stdout.toString('utf8'),
    '{\n  "apiVersion": "example.com/v1",\n  "kind": "Widget",\n  "metadata": {\n    "labels": {\n      "a": "1",\n      "b": "2"\n    },\n    "name": "w",\n    "namespace": "default"\n  },\n' +
      '  "spec": {\n    "big": 9007199254740993,\n    "blob": "aGk=",\n    "ratio": 0.5,\n    "size": 3,\n    "tags": [\n      "x"\n    ]\n  }\n}\n',
  );
  const yaml = await runCli(['decode'], { input: enc.stdout });
  assert.match(yaml.stdout.toString('utf8'), /^apiVersion: example.com\/v1\nkind: Widget\n/);
});
