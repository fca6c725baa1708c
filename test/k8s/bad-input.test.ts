// Damaged and hostile values: truncation, wrong wire types, lengths past the end, deep
// nesting, unknown kinds and fields, `__proto__` keys. Always one clear error or a
// partial object, never a stack trace, a hang or prototype pollution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CorruptDataError, UnsupportedError } from '../../src/errors.js';
import { decodeStorageValue, encodeStorageValue, toJson } from '../../src/k8s/index.js';
import { requireShared, runCli } from '../helpers.js';

function podBytes(t: import('node:test').TestContext): Buffer | undefined {
  const p = requireShared(t, 'k8s-api/testdata/HEAD/core.v1.Pod.pb');
  return p ? readFileSync(p) : undefined;
}

test('truncated protobuf: one error naming kind, field path and offset', (t) => {
  const pod = podBytes(t);
  if (!pod) return;
  for (const cut of [7, 20, 200, 1000, pod.length - 3]) {
    let err: unknown;
    try {
      decodeStorageValue(pod.subarray(0, cut));
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof CorruptDataError, `cut at ${cut}: ${String(err)}`);
    assert.match((err as Error).message, /^k8s: @\d+: /);
    assert.ok(!String((err as Error).message).includes('\n'));
  }
});

test('every single-byte flip decodes or fails cleanly', (t) => {
  const pod = podBytes(t);
  if (!pod) return;
  for (let i = 4; i < pod.length; i += 7) {
    const b = Buffer.from(pod);
    b[i] = b[i]! ^ 0xff;
    try {
      const d = decodeStorageValue(b);
      toJson(d);
    } catch (e) {
      assert.ok(e instanceof CorruptDataError || e instanceof UnsupportedError, `flip at ${i}: ${(e as Error).stack}`);
    }
  }
});

test('wrong wire type names the field', () => {
  // v1 ConfigMap, metadata (field 1) sent as a varint
  const raw = Buffer.from([0x08, 0x05]);
  const bytes = wrap('v1', 'ConfigMap', raw);
  assert.throws(() => decodeStorageValue(bytes), (e: Error) => e instanceof CorruptDataError && /v1\/ConfigMap field \.metadata: wire type 0, expected 2/.test(e.message));
});

test('length beyond the buffer', () => {
  const raw = Buffer.from([0x0a, 0x7f, 0x0a, 0x01]);
  assert.throws(() => decodeStorageValue(wrap('v1', 'ConfigMap', raw)), /length 127 runs past the end of the message/);
});

test('unknown kind and unknown fields stay visible', () => {
  const raw = Buffer.from([0x0a, 0x03, 0x61, 0x62, 0x63, 0x10, 0x2a]);
  const d = decodeStorageValue(wrap('example.com/v9', 'Gizmo', raw));
  assert.equal(d.unknownKind, true);
  assert.equal(toJson(d), '{\n  "kind": "Gizmo",\n  "apiVersion": "example.com/v9",\n  "unknown:1": "abc",\n  "unknown:2": 42\n}');
  // a field number the ConfigMap schema does not have
  const cm = decodeStorageValue(wrap('v1', 'ConfigMap', Buffer.from([0xf8, 0x07, 0x01])));
  assert.equal((cm.object as Record<string, unknown>)['unknown:127'], 1);
});

test('deep nesting is capped', () => {
  let raw: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 300; i++) raw = Buffer.concat([Buffer.from([0x0a, ...varint(raw.length)]), raw]);
  // ConfigMap.metadata.ownerReferences... nesting is bounded by the schema, unknown fields by MAX_DEPTH
  assert.doesNotThrow(() => decodeStorageValue(wrap('example.com/v1', 'Deep', raw)));
});

test('a label key __proto__ is data', () => {
  const json = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"__proto__":"polluted","a":"b"}}}';
  const bytes = encodeStorageValue(json);
  const d = decodeStorageValue(bytes);
  const labels = ((d.object as Record<string, Record<string, unknown>>).metadata!.labels as Map<string, string>);
  assert.equal(labels.get('__proto__'), 'polluted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.match(toJson(d), /"__proto__": "polluted"/);
});

test('not a Kubernetes value, CBOR, encrypted', () => {
  assert.throws(() => decodeStorageValue(Buffer.from('225')), (e: Error) => e instanceof UnsupportedError && /does not appear to contain valid JSON or binary data/.test(e.message));
  // CBOR: decoded (an empty map is an object without kind), damaged CBOR is a CorruptDataError
  assert.equal(decodeStorageValue(Buffer.from([0xd9, 0xd9, 0xf7, 0xa0])).encoding, 'cbor');
  assert.throws(() => decodeStorageValue(Buffer.from([0xd9, 0xd9, 0xf7, 0xa1])), (e: Error) => e instanceof CorruptDataError && /CBOR value: length 1 runs past the end/.test(e.message));
  const enc = decodeStorageValue(Buffer.from('k8s:enc:kms:v2:my-plugin:\x01\x02'));
  assert.equal(enc.encoding, 'encrypted');
  assert.equal(enc.provider, 'kms');
});

test('CLI: bad input is one line on stderr with exit 1, never a stack trace', async () => {
  const r = await runCli(['decode'], { input: wrap('v1', 'ConfigMap', Buffer.from([0x0a, 0x7f])) });
  assert.equal(r.code, 1);
  assert.equal(r.stdout.length, 0);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^etcd-forensics: k8s: @\d+: v1\/ConfigMap field \.metadata: length 127 runs past/);
  const n = await runCli(['decode'], { input: 'hello' });
  assert.equal(n.code, 3);
  assert.match(n.stderr, /does not appear to contain valid JSON or binary data/);
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

function wrap(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const tm = Buffer.concat([Buffer.from([0x0a, apiVersion.length]), Buffer.from(apiVersion), Buffer.from([0x12, kind.length]), Buffer.from(kind)]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0x0a, tm.length]), tm, Buffer.from([0x12, ...varint(raw.length)]), raw, Buffer.from([0x1a, 0, 0x22, 0])]);
}
