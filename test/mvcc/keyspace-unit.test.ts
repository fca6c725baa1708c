// Pure pieces of the keyspace layer, with hand-written expectations: the Go template
// subset and filters, Go's value printing, etcd's key index, prefixes, the KeyValue scanner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildGenerations,
  executeTemplate,
  goFormatFloat,
  goJsonMarshal,
  goSprint,
  GO_STRUCT,
  humanizeBytes,
  matchesFilters,
  parseFilters,
  parseTemplate,
  resourcePrefix,
  scanKeyValue,
  leaseOf,
  type KeyRevision,
} from '../../src/mvcc/keyspace/index.js';
import { UsageError } from '../../src/errors.js';

const summary = {
  [GO_STRUCT]: true,
  Key: '/registry/pods/kube-system/dns',
  Version: 3n,
  Value: { kind: 'Pod', metadata: { name: 'dns', namespace: 'kube-system', labels: { b: '2', a: '1' } }, spec: { replicas: 1000000 } },
  Stats: { [GO_STRUCT]: true, VersionCount: 3, ValueSize: 42 },
};

test('template: literal text and field paths, as Go text/template prints them', () => {
  const t = parseTemplate('{{.Value.kind}} {{ .Value.metadata.name }} v{{.Version}} {{.Value.metadata.labels}} {{.Value.spec.replicas}}');
  assert.equal(executeTemplate(t, summary), 'Pod dns v3 map[a:1 b:2] 1e+06');
  assert.equal(executeTemplate(parseTemplate('{{.Value.metadata.missing}}|{{.Stats.ValueSize}}'), summary), '<no value>|42');
  assert.equal(executeTemplate(parseTemplate('a  {{- .Key -}}  b{{/* note */}}'), summary), 'a/registry/pods/kube-system/dnsb');
});

test('template: anything but field paths is refused, unknown struct fields fail', () => {
  for (const bad of ['{{printf "%s" .Key}}', '{{range .Value}}x{{end}}', '{{.Key | len}}', '{{$x := 1}}', '{{.Key', '{{call .Key}}']) {
    assert.throws(() => parseTemplate(bad), UsageError, bad);
  }
  assert.throws(() => executeTemplate(parseTemplate('{{.Nope}}'), summary), /can't evaluate field Nope/);
});

test('filters: auger syntax, equality on printed values, all must hold', () => {
  const f = parseFilters('.Value.metadata.namespace=kube-system, .Value.kind=Pod');
  assert.equal(f.length, 2);
  assert.equal(matchesFilters(f, summary), true);
  assert.equal(matchesFilters(parseFilters('.Value.metadata.namespace=default'), summary), false);
  assert.throws(() => parseFilters('.Value.kind'), /failed to parse filter/);
  assert.throws(() => parseFilters('kind=Pod'), UsageError);
});

test("Go printing: fmt %v of float64 and encoding/json's sorted, HTML-safe output", () => {
  assert.equal(goFormatFloat(1), '1');
  assert.equal(goFormatFloat(123456), '123456');
  assert.equal(goFormatFloat(1234567), '1.234567e+06');
  assert.equal(goFormatFloat(0.5), '0.5');
  assert.equal(goFormatFloat(0.00001), '1e-05');
  assert.equal(goSprint([1, 'a', null, true]), '[1 a <nil> true]');
  assert.equal(goJsonMarshal({ b: 1, a: '<x>&', c: [1e21, 1e-7, 2.5] }), '{"a":"\\u003cx\\u003e\\u0026","b":1,"c":[1e+21,1e-7,2.5]}');
});

function rev(main: number, opts: { tomb?: boolean; create?: number; version?: number } = {}): KeyRevision {
  return {
    main: BigInt(main),
    sub: 0n,
    tombstone: opts.tomb ?? false,
    createRevision: BigInt(opts.create ?? 0),
    modRevision: BigInt(opts.tomb ? 0 : main),
    version: BigInt(opts.version ?? 0),
    lease: 0n,
    valueSize: 1,
    pgid: 0n,
    index: 0,
  };
}

test("key index: generations end at tombstones and restart the version (etcd's keyIndex)", () => {
  const gens = buildGenerations([
    rev(2, { create: 2, version: 1 }),
    rev(5, { create: 2, version: 2 }),
    rev(7, { tomb: true }),
    rev(9, { create: 9, version: 1 }),
    rev(12, { create: 9, version: 2 }),
  ]);
  assert.equal(gens.length, 2);
  assert.deepEqual(gens.map((g) => [g.created, g.version, g.ended, g.revisions.map((r) => r.main)]), [
    [2n, 2n, true, [2n, 5n, 7n]],
    [9n, 2n, false, [9n, 12n]],
  ]);
  // After compaction the first stored put carries its version; a leading tombstone is ignored.
  const compacted = buildGenerations([rev(3, { tomb: true }), rev(40, { create: 10, version: 6 }), rev(41, { create: 10, version: 7 })]);
  assert.deepEqual(compacted.map((g) => [g.created, g.version, g.revisions.length]), [[10n, 7n, 2]]);
});

test('resource prefixes: /registry/<resource>/, groups with a dot take two segments, else the first segment', () => {
  assert.equal(resourcePrefix('/registry/pods/default/web'), '/registry/pods/');
  assert.equal(resourcePrefix('/registry/example.com/widgets/default/w1'), '/registry/example.com/widgets/');
  assert.equal(resourcePrefix('/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com'), '/registry/apiextensions.k8s.io/customresourcedefinitions/');
  assert.equal(resourcePrefix('/app/config/key-1'), '/app/');
  assert.equal(resourcePrefix('compact_rev_key'), 'compact_rev_key');
});

test('humanize: go-humanize Bytes (SI)', () => {
  assert.equal(humanizeBytes(65536), '66 kB');
  assert.equal(humanizeBytes(688128), '688 kB');
  assert.equal(humanizeBytes(7_700_000), '7.7 MB');
  assert.equal(humanizeBytes(9), '9 B');
  assert.equal(humanizeBytes(1000), '1.0 kB');
});

test('KeyValue scanner: offsets and counters of a hand-built KeyValue; malformed input refused', () => {
  // key "ab", create 3, mod 300, version 2, value "xyz", lease 2^62
  const kv = Uint8Array.from([
    0x0a, 0x02, 0x61, 0x62, 0x10, 0x03, 0x18, 0xac, 0x02, 0x20, 0x02, 0x2a, 0x03, 0x78, 0x79, 0x7a,
    0x30, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40,
  ]);
  const f = scanKeyValue(kv);
  assert.deepEqual([f.keyStart, f.keyEnd, f.createRevision, f.modRevision, f.version, f.valueStart, f.valueEnd], [2, 4, 3, 300, 2, 13, 16]);
  assert.equal(leaseOf(kv, f), 4611686018427387904n);
  assert.throws(() => scanKeyValue(Uint8Array.from([0x0a, 0x05, 0x61])), /runs past the end/);
  assert.throws(() => scanKeyValue(Uint8Array.from([0x08, 0x01])), /key has wire type 0/);
  assert.throws(() => scanKeyValue(Uint8Array.from([0x0f])), /wire type 7/);
});
