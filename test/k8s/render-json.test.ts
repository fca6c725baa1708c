// The direct protobuf → JSON renderer (src/k8s/render-json.ts) against the tree path
// (decodeMessage + renderJson), which the release testdata and the reference JSON/YAML
// already pin down: the same text for every stored value, in both layouts, and for damaged
// values either the same text or no answer (the public API then gives the tree's text or
// its error, with the same message). toYaml (built from the wire when it can) against
// JSONToYAML of the compact text, the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, xorshift32 } from '../helpers.js';
import { listCases, listReleases } from './testdata.js';
import { decodeStorageValue, toJson, toYaml } from '../../src/k8s/index.js';
import { toCompactJson } from '../../src/k8s/storage.js';
import { decodeMessage, type K8sObject } from '../../src/k8s/decode.js';
import { renderJson } from '../../src/k8s/json-text.js';
import { buildStoredYamlValue, renderStoredJson } from '../../src/k8s/render-json.js';
import { jsonToYaml, marshalYaml } from '../../src/k8s/yaml/index.js';
import * as schemaModule from '../../src/k8s/schema.js';
import { FLAG_RENDER_ZERO, FLAG_REPEATED, lookupKind, type FieldSpec, type K8sSchema, type MessageType } from '../../src/k8s/schema.js';

/** The schema view of a release where the schema has per-release views (schemaForRelease), else the built-in one. */
function schemaFor(release: string): K8sSchema | undefined {
  const forRelease = (schemaModule as unknown as Record<string, unknown>)['schemaForRelease'];
  return typeof forRelease === 'function' ? (forRelease as (r: string) => K8sSchema)(release) : undefined;
}

interface TreeResult {
  text?: string;
  compact?: string;
  error?: string;
}

/** The tree path alone: decodeMessage into a TypeMeta head, then renderJson. */
function treeRender(raw: Uint8Array, type: MessageType, kind: string, apiVersion: string, rawAt: number): TreeResult {
  const head = Object.create(null) as K8sObject;
  if (kind) head.kind = kind;
  if (apiVersion) head.apiVersion = apiVersion;
  try {
    decodeMessage(raw, 0, raw.length, type, kind ? `${apiVersion}/${kind}` : '<no kind>', rawAt, head);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { text: renderJson(head), compact: renderJson(head, '') };
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function field(no: number, payload: Uint8Array | number[]): Buffer {
  return Buffer.from([...varint(no * 8 + 2), ...varint(payload.length), ...payload]);
}

/** `k8s\0` + runtime.Unknown around raw; returns the bytes and where raw starts. */
function wrap(apiVersion: string, kind: string, raw: Uint8Array): { bytes: Uint8Array; rawAt: number } {
  const tm = Buffer.concat([field(1, Buffer.from(apiVersion)), field(2, Buffer.from(kind))]);
  const head = Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, tm), Buffer.from([0x12, ...varint(raw.length)])]);
  return { bytes: new Uint8Array(Buffer.concat([head, raw, Buffer.from([0x1a, 0, 0x22, 0])])), rawAt: head.length };
}

/** A seeded xorshift32: rnd(n) in [0, n). */
function xorshift(seed: number): (n: number) => number {
  const next = xorshift32(seed);
  return (n) => next() % n;
}

function yamlOrError(f: () => string): string {
  try {
    return f();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/**
 * The direct renderer gives the tree's text or nothing, and the public API (which uses it)
 * gives the tree's text or throws the tree's error. Returns whether the direct path answered.
 */
function checkSame(raw: Uint8Array, apiVersion: string, kind: string, label: string, schema?: K8sSchema): boolean {
  const type = lookupKind(apiVersion, kind, schema);
  assert.ok(type, `${label}: known kind`);
  const { bytes, rawAt } = wrap(apiVersion, kind, raw);
  const want = treeRender(raw, type, kind, apiVersion, rawAt);
  const direct = renderStoredJson(raw, type, kind, apiVersion, '  ');
  const directCompact = renderStoredJson(raw, type, kind, apiVersion, '');
  if (direct !== undefined) assert.equal(direct, want.text, `${label}: direct text`);
  // decoding for YAML trusts the wire-built YAML value in place of a render: it must never
  // accept what the JSON renderer leaves to the tree (which finds the damage)
  if (buildStoredYamlValue(raw, type, kind, apiVersion) !== undefined) assert.notEqual(direct, undefined, `${label}: YAML value built where the JSON renderer would not answer`);
  if (directCompact !== undefined) assert.equal(directCompact, want.compact, `${label}: direct compact text`);
  let got: TreeResult;
  try {
    const d = decodeStorageValue(bytes, schema);
    got = { text: toJson(d), compact: toCompactJson(d) };
    // toYaml reads the indented text: the same YAML as from the compact one (or the same error)
    assert.equal(yamlOrError(() => toYaml(d)), yamlOrError(() => jsonToYaml(got.compact!)), `${label}: YAML`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    got = { error: (e as Error).message };
  }
  assert.deepEqual(got, want, `${label}: public API`);
  // decoded for compact JSON or for YAML first (those are rendered at once, the rest on
  // demand): the same text, or the same error from decodeStorageValue
  const firstFor = (decodeFor: 'compact' | 'yaml'): string => {
    try {
      const d = decodeStorageValue(bytes, schema, decodeFor);
      return decodeFor === 'compact' ? toCompactJson(d) : toYaml(d);
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  assert.equal(firstFor('compact'), want.error !== undefined ? `error: ${want.error}` : want.compact, `${label}: decoded for compact JSON`);
  assert.equal(firstFor('yaml'), want.error !== undefined ? `error: ${want.error}` : yamlOrError(() => jsonToYaml(want.compact!)), `${label}: decoded for YAML`);
  return direct !== undefined;
}

test('every release testdata object: direct text === tree text (indented and compact)', (t) => {
  const testdata = requireShared(t, 'k8s-api/testdata');
  if (!testdata) return;
  let cases = 0;
  const fellBack: string[] = [];
  for (const release of listReleases(testdata)) {
    const views = [undefined, schemaFor(release)];
    for (const tc of listCases(testdata, release)) {
      for (const schema of views) {
        const d = decodeStorageValue(new Uint8Array(readFileSync(tc.pb)), schema);
        if (d.unknownKind || !d.raw) continue; // no schema type: the tree's schema-less dump
        cases++;
        if (!checkSame(d.raw, d.apiVersion, d.kind, `${release}/${tc.name}${schema ? ' (release view)' : ''}`, schema) && release === 'HEAD') fellBack.push(tc.name);
        if (release === 'HEAD' && !buildStoredYamlValue(d.raw, lookupKind(d.apiVersion, d.kind, schema), d.kind, d.apiVersion)) fellBack.push(`${tc.name} (YAML value)`);
      }
    }
  }
  assert.ok(cases > 2500, `${cases} objects`);
  // the current release must never need the slow path
  assert.deepEqual(fellBack, [], 'HEAD objects left to the tree decoder');
});

test('etcd-k8s fixture: every stored protobuf value, direct === tree', (t) => {
  const dir = requireShared(t, 'fixtures/etcd-k8s');
  if (!dir) return;
  const all = JSON.parse(readFileSync(join(dir, 'oracle', 'get-all.json'), 'utf8')) as { kvs: { key: string; value?: string }[] };
  let n = 0;
  for (const kv of all.kvs) {
    const value = new Uint8Array(Buffer.from(kv.value ?? '', 'base64'));
    let d;
    try {
      d = decodeStorageValue(value);
    } catch {
      continue; // compact_rev_key
    }
    if (d.encoding !== 'protobuf' || d.unknownKind) continue;
    assert.ok(checkSame(d.raw!, d.apiVersion, d.kind, Buffer.from(kv.key, 'base64').toString()));
    n++;
  }
  assert.ok(n >= 150, `${n} protobuf values`);
});

test('crafted shapes: unsorted and duplicate map keys, zero time, escapes, bad UTF-8, repeats, unknown fields', () => {
  const meta = (...fields: Buffer[]): Buffer => field(1, Buffer.concat(fields));
  const entry = (k: string | Buffer, v: string | Buffer): Buffer => Buffer.concat([field(1, Buffer.from(k)), field(2, Buffer.from(v))]);
  // Go's zero time as written by metav1.Time.ProtoTime(): seconds = -62135596800 (10-byte varint)
  const zeroSecs = (() => {
    let u = BigInt.asUintN(64, -62135596800n);
    const b: number[] = [0x08];
    while (u >= 0x80n) {
      b.push(Number(u & 0x7fn) | 0x80);
      u >>= 7n;
    }
    b.push(Number(u));
    return Buffer.from(b);
  })();
  const shapes: [string, Buffer][] = [
    ['unsorted map', Buffer.concat([meta(field(1, Buffer.from('x'))), field(2, entry('b', '2')), field(2, entry('a', '1')), field(2, entry('C', '3'))])],
    ['duplicate map key', Buffer.concat([field(2, entry('a', '1')), field(2, entry('a', '2'))])],
    ['map entry value first', Buffer.concat([field(2, Buffer.concat([field(2, Buffer.from('v')), field(1, Buffer.from('k'))]))])],
    ['map entry without value', field(2, field(1, Buffer.from('k')))],
    ['non-ASCII and invalid map keys', Buffer.concat([field(2, entry(Buffer.from([0xff, 0x41]), 'x')), field(2, entry('é', 'y')), field(2, entry('z', 'w'))])],
    ['zero creationTimestamp', meta(field(1, Buffer.from('x')), field(8, zeroSecs))],
    ['empty creationTimestamp', meta(field(8, Buffer.alloc(0)))],
    ['escapes', meta(field(1, Buffer.from('a"b\\c<d>&e\u2028f\u2029\n\t\u0001g\u007f')))],
    ['invalid UTF-8', meta(field(1, Buffer.from([0x61, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xff])))],
    ['singular field twice', Buffer.concat([meta(field(1, Buffer.from('first'))), meta(field(1, Buffer.from('second')))])],
    ['unknown field', Buffer.concat([meta(field(1, Buffer.from('x'))), field(99, Buffer.from('?'))])],
    ['bool as length-delimited', Buffer.concat([field(4, Buffer.from([1]))])],
    ['immutable false and true', Buffer.from([0x20, 0x00, 0x20, 0x01])],
    ['immutable overlong zero', Buffer.from([0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02])],
    ['binaryData', Buffer.concat([field(3, entry('bin', Buffer.from([0, 1, 2, 0xff]))), field(3, entry('empty', Buffer.alloc(0)))])],
    ['empty message', Buffer.alloc(0)],
  ];
  for (const [label, raw] of shapes) checkSame(new Uint8Array(raw), 'v1', 'ConfigMap', label);
  // ownerReferences (repeated message, with a bool pointer), finalizers (repeated string)
  const owner = Buffer.concat([field(5, Buffer.from('v1')), field(1, Buffer.from('Pod')), field(3, Buffer.from('p')), field(4, Buffer.from('u')), Buffer.from([0x30, 0x00])]);
  checkSame(new Uint8Array(meta(field(13, owner), field(13, owner), field(14, Buffer.from('f1')), field(14, Buffer.alloc(0)))), 'v1', 'ConfigMap', 'repeated');
  // Go writes fields in number order, which for most messages is also the JSON order (one
  // pass); any other order, or a repeated field in two runs, takes the occurrence table
  const other: [string, Buffer][] = [
    ['fields out of number order', Buffer.concat([field(2, entry('a', '1')), meta(field(3, Buffer.from('ns')), field(1, Buffer.from('x')))])],
    ['repeated field in two runs', meta(field(14, Buffer.from('f1')), field(1, Buffer.from('x')), field(14, Buffer.from('f2')))],
    ['map in two runs', Buffer.concat([field(2, entry('b', '2')), field(3, entry('bin', Buffer.from([1]))), field(2, entry('a', '1'))])],
    ['an ownerReference without its required kind and name', meta(field(13, Buffer.concat([field(5, Buffer.from('v1')), field(4, Buffer.from('u'))])))],
  ];
  for (const [label, raw] of other) assert.ok(checkSame(new Uint8Array(raw), 'v1', 'ConfigMap', label), `${label}: rendered by the direct path`);
  // big enough to grow every pool (occurrences, map entries, output buffer), well-formed: answered directly
  const many = (n: number, f: (i: number) => Buffer): Buffer => Buffer.concat(Array.from({ length: n }, (_, i) => f(i)));
  const big = Buffer.concat([meta(many(3000, () => field(13, owner))), many(5000, (i) => field(2, entry(`key-${String(i).padStart(5, '0')}`, 'v'.repeat(i % 50))))]);
  assert.ok(checkSame(new Uint8Array(big), 'v1', 'ConfigMap', 'big'), 'rendered by the direct path');
});

test('raw JSON (RawExtension): simple texts re-laid out directly, all others as the tree does', () => {
  const rnd = xorshift(0x1234567);
  const atoms = ['0', '-1', '12.5e+3', '1E5', '01', '-', '1.', 'true', 'false', 'null', 'nul', '""', '"a"', '"f:x"', '"a<b"', '"a\\"b"', '"é"', '"\u0041"', '"\u003c"', '1' + '0'.repeat(450)];
  const keys = ['"a"', '"b"', '"f:spec"', '"."', '"a"', '"k\\n"', '"<"', 'x'];
  const ws = ['', ' ', '\n  ', '\t', '\r'];
  const value = (depth: number): string => {
    const w = (): string => ws[rnd(ws.length)]!;
    switch (depth > 4 ? 0 : rnd(4)) {
      case 1: {
        const n = rnd(4);
        return '{' + w() + Array.from({ length: n }, () => keys[rnd(keys.length)] + w() + ':' + w() + value(depth + 1)).join(',' + w()) + w() + '}';
      }
      case 2:
        return '[' + w() + Array.from({ length: rnd(4) }, () => value(depth + 1)).join(w() + ',') + w() + ']';
      default:
        return atoms[rnd(atoms.length)]!;
    }
  };
  let answered = 0;
  for (let i = 0; i < 600; i++) {
    let text = value(0);
    if (i % 10 === 9) text = text.slice(0, rnd(text.length + 1)); // cut
    if (i % 13 === 12) text += rnd(2) ? ' ' : ' x';
    const rawExtension = field(1, Buffer.from(text));
    const raw = Buffer.concat([field(1, field(1, Buffer.from('r'))), field(2, rawExtension), Buffer.from([0x18, 0x03])]);
    if (checkSame(new Uint8Array(raw), 'apps/v1', 'ControllerRevision', `raw JSON ${JSON.stringify(text)}`)) answered++;
  }
  assert.ok(answered > 100, `${answered} answered directly`);
});

test('damaged values: same text or the same error as the tree path (deterministic xorshift)', (t) => {
  const dir = requireShared(t, 'k8s-api/testdata/HEAD');
  if (!dir) return;
  const rnd = xorshift(0x2545f491);
  let answered = 0;
  let trials = 0;
  for (const name of ['core.v1.Pod', 'apps.v1.Deployment', 'core.v1.ConfigMap', 'core.v1.Secret', 'core.v1.Service', 'batch.v1.CronJob', 'core.v1.Event', 'apps.v1.ControllerRevision', 'autoscaling.v2.HorizontalPodAutoscaler']) {
    const d = decodeStorageValue(new Uint8Array(readFileSync(join(dir, `${name}.pb`))));
    const raw = d.raw!;
    for (let i = 0; i < 120; i++) {
      const b = Buffer.from(raw);
      let damaged: Buffer;
      switch (i % 4) {
        case 0:
          damaged = b.subarray(0, rnd(b.length));
          break;
        case 1: {
          const at = rnd(b.length);
          b[at] = b[at]! ^ (1 << rnd(8));
          damaged = b;
          break;
        }
        case 2:
          b[rnd(b.length)] = rnd(256);
          damaged = b;
          break;
        default:
          for (let k = 0; k < 4; k++) b[rnd(b.length)] = rnd(256);
          damaged = b;
      }
      trials++;
      if (checkSame(new Uint8Array(damaged), d.apiVersion, d.kind, `${name} damage #${i}`)) answered++;
    }
  }
  t.diagnostic(`${trials} damaged values, ${answered} answered by the direct renderer, the rest by the tree path`);
});

test('object is built on demand and reflects in later renders; toYaml unchanged', (t) => {
  const p = requireShared(t, 'k8s-api/testdata/HEAD/core.v1.ConfigMap.pb');
  if (!p) return;
  const d = decodeStorageValue(new Uint8Array(readFileSync(p)));
  const json = toJson(d);
  assert.equal(toYaml(d), readFileSync(p.replace(/\.pb$/, '.yaml'), 'utf8'));
  const obj = d.object as K8sObject & { metadata: K8sObject };
  assert.equal(renderJson(obj), json);
  assert.equal(d.object, obj, 'cached');
  obj.metadata.name = 'changed';
  assert.match(toJson(d), /"name": "changed"/);
});

test('deep nesting: keys of any JSON depth (pooled indentations stop at 24 levels), the same text as the tree', () => {
  // a recursive message (the built-in kinds do not nest this deep): { name, child: {...} }
  const node: MessageType = { index: -1, fields: [], byNo: new Map(), byName: new Map(), inline: [], wireOrder: [] };
  const name = { no: 1, name: 'name', flags: 0, value: { code: 's' as const } };
  const child = { no: 2, name: 'child', flags: 0, value: { code: 'm' as const, type: node } };
  node.fields.push(name, child);
  node.wireOrder.push(name, child);
  for (const f of [name, child]) {
    node.byNo.set(f.no, f);
    node.byName.set(f.name, f);
  }
  let raw: Buffer = field(1, Buffer.from('leaf'));
  for (let depth = 0; depth < 40; depth++) raw = Buffer.concat([field(1, Buffer.from(`n${depth}`)), field(2, raw)]);
  const want = treeRender(new Uint8Array(raw), node, 'Deep', 'v1', 0);
  assert.ok(want.text && want.text.includes(`\n${' '.repeat(82)}"name": "leaf"`), `the tree renders 40 levels: ${want.error ?? ''}`);
  assert.equal(renderStoredJson(new Uint8Array(raw), node, 'Deep', 'v1', '  '), want.text);
  assert.equal(renderStoredJson(new Uint8Array(raw), node, 'Deep', 'v1', ''), want.compact);
});

test('repeated scalars, packed and not, empty runs, with and without a rendered zero: the same text and YAML as the tree', () => {
  // a message of its own (the built-in kinds' repeated scalars are written unpacked):
  // { ints: [int], flags: [bool], always: [int] (renders [] when empty) }
  const type: MessageType = { index: -1, fields: [], byNo: new Map(), byName: new Map(), inline: [], wireOrder: [] };
  const fields: FieldSpec[] = [
    { no: 1, name: 'ints', flags: FLAG_REPEATED, value: { code: 'i' } },
    { no: 2, name: 'flags', flags: FLAG_REPEATED, value: { code: 'B' } },
    { no: 3, name: 'always', flags: FLAG_REPEATED | FLAG_RENDER_ZERO, value: { code: 'i' } },
  ];
  for (const f of fields) {
    type.fields.push(f);
    type.wireOrder.push(f);
    type.byNo.set(f.no, f);
    type.byName.set(f.name, f);
  }
  const packed = (no: number, values: number[]): Buffer => field(no, values.flatMap((v) => varint(v)));
  const unpacked = (no: number, v: number): Buffer => Buffer.from([...varint(no * 8), ...varint(v)]);
  const shapes: [string, Buffer][] = [
    ['packed runs', Buffer.concat([packed(1, [1, 300, 0]), packed(2, [1, 0, 1]), packed(3, [7])])],
    ['empty packed runs', Buffer.concat([packed(1, []), packed(2, []), packed(3, [])])],
    ['packed and unpacked mixed', Buffer.concat([unpacked(1, 5), packed(1, [6, 7]), unpacked(1, 8), unpacked(2, 1), packed(2, [])])],
    ['unpacked only', Buffer.concat([unpacked(1, 0), unpacked(1, 2 ** 40), unpacked(3, 1)])],
  ];
  for (const [label, raw] of shapes) {
    const want = treeRender(new Uint8Array(raw), type, 'Scalars', 'v1', 0);
    assert.ok(want.text, `${label}: the tree renders it (${want.error ?? ''})`);
    assert.equal(renderStoredJson(new Uint8Array(raw), type, 'Scalars', 'v1', '  '), want.text, `${label}: direct text`);
    assert.equal(renderStoredJson(new Uint8Array(raw), type, 'Scalars', 'v1', ''), want.compact, `${label}: direct compact text`);
    const yamlValue = buildStoredYamlValue(new Uint8Array(raw), type, 'Scalars', 'v1');
    assert.ok(yamlValue, `${label}: YAML value built from the wire`);
    assert.equal(marshalYaml(yamlValue), jsonToYaml(want.compact!), `${label}: YAML`);
  }
});
