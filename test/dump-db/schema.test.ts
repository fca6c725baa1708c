// The schema decoders and etcd-dump-db line renderers, checked against the real
// etcd-dump-db 3.4.23 outputs recorded in ../shared/fixtures: the raw entries are parsed
// from the recorded plain `iterate-bucket` output and must render to the recorded
// `--decode` output byte for byte; the recorded `hash` must come out of hashDb.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared } from '../helpers.js';
import { dumpDbCommands, memoryBoltDb, parseDefaultLines, type RawEntry } from './ref.js';
import {
  ByteSink,
  decodeAlarmMember,
  decodeAuthRole,
  decodeAuthUser,
  decodeLease,
  decodeMember,
  decodeMetaValue,
  decodeSchemaEntry,
  dumpDbLine,
  goHex016,
  hashDb,
  iterateBucket,
  listBuckets,
  parseJsonExact,
  schemaEntryToJson,
  writePermissionList,
} from '../../src/mvcc/schema/index.js';
import { CorruptDataError, NotFoundError } from '../../src/errors.js';
import { stringifyJson } from '../../src/io/json.js';
import { goQuote } from '../../src/io/go-quote.js';

const ETCD_FIXTURES = ['etcd-small', 'etcd-k8s'];
const SOURCES = ['db', 'snapshot.db'];

function loadBuckets(dir: string, source: string): Map<string, { plain: Buffer; decoded: Buffer; entries: RawEntry[] }> {
  const out = new Map<string, { plain: Buffer; decoded: Buffer; entries: RawEntry[] }>();
  const names = readFileSync(join(dir, 'ref', `${source}-etcd-dump-db-list-bucket.out`), 'utf8').split('\n').filter(Boolean);
  for (const name of names) {
    const plain = readFileSync(join(dir, 'ref', `${source}-etcd-dump-db-iterate-bucket-${name}.out`));
    const decoded = readFileSync(join(dir, 'ref', `${source}-etcd-dump-db-iterate-bucket-${name}-decode.out`));
    out.set(name, { plain, decoded, entries: parseDefaultLines(plain) });
  }
  return out;
}

for (const fixture of ETCD_FIXTURES) {
  for (const source of SOURCES) {
    test(`${fixture} ${source}: every bucket's lines equal etcd-dump-db's, with and without --decode`, (t) => {
      const dir = requireShared(t, `fixtures/${fixture}`);
      if (!dir) return;
      const buckets = loadBuckets(dir, source);
      assert.ok(buckets.size >= 10);
      for (const [name, { plain, decoded, entries }] of buckets) {
        const plainLines = entries.map((e) => dumpDbLine(name, e.key, e.value, false)).join('');
        assert.equal(plainLines, plain.toString('utf8'), `${name} plain`);
        const decodedLines = entries.map((e) => dumpDbLine(name, e.key, e.value, true)).join('');
        assert.equal(decodedLines, decoded.toString('utf8'), `${name} --decode`);
      }
    });

    test(`${fixture} ${source}: hashDb over the recorded entries equals etcd-dump-db hash`, async (t) => {
      const dir = requireShared(t, `fixtures/${fixture}`);
      if (!dir) return;
      const buckets = loadBuckets(dir, source);
      const db = memoryBoltDb('mem', new Map([...buckets].map(([n, b]) => [n, b.entries])));
      const want = readFileSync(join(dir, 'ref', `${source}-etcd-dump-db-hash.out`), 'utf8');
      const m = /^db path: .*\nHash: (\d+)\n$/.exec(want);
      assert.ok(m, want);
      assert.equal(String(await hashDb(db)), m[1]);
      // 3.5 also skips meta/term, which 3.4 dbs do not have: same value.
      assert.equal(String(await hashDb(db, { version: '3.5' })), m[1]);
    });
  }
}

test('recorded dump-db commands are all covered by the fixtures we compare', (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const cmds = dumpDbCommands(dir);
  assert.ok(cmds.length >= 40);
  assert.ok(cmds.every((c) => c.exit_code === 0));
});

test('typed decoders on etcd-small entries', (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const buckets = loadBuckets(dir, 'db');
  const [user] = buckets.get('authUsers')!.entries;
  const u = decodeAuthUser(user!.value);
  assert.equal(Buffer.from(u.name).toString(), 'alice');
  assert.deepEqual(u.roles.map((r) => Buffer.from(r).toString()), ['reader']);
  assert.match(Buffer.from(u.password).toString(), /^\$2a\$10\$/);
  assert.deepEqual(u.options, { noPassword: false });
  const userJson = schemaEntryToJson(decodeSchemaEntry('authUsers', user!.key, user!.value)!);
  assert.equal(userJson['password'], '<hidden: use --show-secrets>');
  assert.match(String(schemaEntryToJson(decodeSchemaEntry('authUsers', user!.key, user!.value)!, { showSecrets: true })['password']), /^\$2a\$10\$/);

  const [role] = buckets.get('authRoles')!.entries;
  const r = decodeAuthRole(role!.value);
  assert.equal(r.keyPermission.length, 1);
  assert.equal(r.keyPermission[0]!.permType, 0);
  assert.equal(Buffer.from(r.keyPermission[0]!.rangeEnd).toString(), '/app0');

  const [lease] = buckets.get('lease')!.entries;
  const l = decodeLease(lease!.value);
  assert.equal(l.ttl, 3600n);
  assert.equal(l.id, 0x1f8da1fec23bc71bn);

  const [member] = buckets.get('members')!.entries;
  const mem = decodeMember(member!.key, member!.value);
  // The id is above 2^53: it must come through exactly.
  assert.equal(mem.id, 13290071743434268557n);
  assert.equal(mem.name, 'small');
  assert.deepEqual(mem.peerURLs, ['http://127.0.0.1:23800']);
  assert.match(stringifyJson(schemaEntryToJson(decodeSchemaEntry('members', member!.key, member!.value)!)), /"id":13290071743434268557/);

  const meta = new Map(buckets.get('meta')!.entries.map((e) => [Buffer.from(e.key).toString(), decodeMetaValue(e.key, e.value)]));
  assert.deepEqual(meta.get('consistent_index'), { key: 'consistent_index', value: 336n });
  assert.deepEqual(meta.get('finishedCompactRev'), { key: 'finishedCompactRev', revision: { main: 271n, sub: 0n } });

  const keys = buckets.get('key')!.entries;
  const tomb = decodeSchemaEntry('key', keys[0]!.key, keys[0]!.value);
  assert.ok(tomb && tomb.bucket === 'key');
  assert.equal(tomb.revision.tombstone, true);
  assert.equal(tomb.revision.main, 319n);
});

test('members_removed, cluster, alarm, confState and storageVersion decoders', () => {
  const removed = decodeSchemaEntry('members_removed', Buffer.from('b86fd1d63adb1f8d'), Buffer.from('removed'));
  assert.deepEqual(removed, { bucket: 'members_removed', id: 0xb86fd1d63adb1f8dn, marker: 'removed' });
  assert.deepEqual(decodeSchemaEntry('cluster', Buffer.from('downgrade'), Buffer.from('{"target-version":"3.5.0","enabled":true}')), {
    bucket: 'cluster',
    cluster: { key: 'downgrade', targetVersion: '3.5.0', enabled: true },
  });
  // AlarmMember{memberID: 2^64-1, alarm: NOSPACE}
  const alarmKey = Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x10, 0x01]);
  assert.deepEqual(decodeAlarmMember(alarmKey), { memberID: 0xffffffffffffffffn, alarm: 1 });
  assert.equal(stringifyJson(schemaEntryToJson(decodeSchemaEntry('alarm', alarmKey, new Uint8Array(0))!)), '{"memberID":18446744073709551615,"memberIDHex":"ffffffffffffffff","alarm":"NOSPACE"}');
  const cs = decodeMetaValue(Buffer.from('confState'), Buffer.from('{"voters":[13290071743434268557],"auto_leave":false}'));
  assert.equal(stringifyJson(cs), '{"key":"confState","confState":{"voters":[13290071743434268557],"auto_leave":false}}');
  assert.deepEqual(decodeMetaValue(Buffer.from('storageVersion'), Buffer.from('3.6.0')), { key: 'storageVersion', version: '3.6.0' });
  assert.deepEqual(decodeMetaValue(Buffer.from('term'), Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 7])), { key: 'term', value: 7n });
});

test('Go formatting details: %016x of negative int64, proto text octal escapes, nil options', () => {
  assert.equal(goHex016(0x1f8da1fec23bc71bn), '1f8da1fec23bc71b');
  assert.equal(goHex016(5n), '0000000000000005');
  assert.equal(goHex016(-1n), '-000000000000001');
  const sink = new ByteSink(8);
  writePermissionList(sink, [
    { permType: 2, key: Uint8Array.from([0x61, 0x00, 0x22, 0xff, 0x0a]), rangeEnd: new Uint8Array(0) },
    { permType: 1, key: Buffer.from('b'), rangeEnd: Buffer.from('c') },
  ]);
  assert.equal(sink.toString(), '[permType:READWRITE key:"a\\000\\"\\377\\n"  permType:WRITE key:"b" range_end:"c" ]');
  // authpb.User without options: Go prints a nil *UserAddOptions as <nil>.
  const noOpts = Uint8Array.from([0x0a, 0x01, 0x62]);
  assert.equal(dumpDbLine('authUsers', Buffer.from('b'), noOpts, true), 'user="b", roles=[], password="", option=<nil>\n');
  assert.equal(dumpDbLine('auth', Buffer.from('authEnabled'), Uint8Array.from([1]), true), 'key="authEnabled", value=[1]\n');
  // Nested buckets print an empty value.
  assert.equal(dumpDbLine('x', Buffer.from('sub'), null, false), 'key="sub", value=""\n');
});

test('corrupt entries throw CorruptDataError, never a TypeError', () => {
  const bad: [string, Uint8Array, Uint8Array][] = [
    ['key', new Uint8Array(5), new Uint8Array(0)],
    ['key', new Uint8Array(17), Uint8Array.from([0x0a, 0x50, 0x41])],
    ['lease', new Uint8Array(3), new Uint8Array(0)],
    ['lease', new Uint8Array(8), Uint8Array.from([0x08])],
    ['authUsers', Buffer.from('a'), Uint8Array.from([0x0a, 0x05, 0x61])],
    ['authRoles', Buffer.from('a'), Uint8Array.from([0x12, 0x03, 0x08])],
    ['authRoles', Buffer.from('a'), Uint8Array.from([0x08, 0x01])],
    ['auth', Buffer.from('authRevision'), Uint8Array.from([1, 2])],
  ];
  for (const [bucket, k, v] of bad) {
    assert.throws(() => dumpDbLine(bucket, k, v, true), CorruptDataError, `${bucket} ${Buffer.from(v).toString('hex')}`);
  }
  assert.throws(() => decodeMember(Buffer.from('zz'), Buffer.from('{}')), CorruptDataError);
  assert.throws(() => decodeMember(Buffer.from('1'), Buffer.from('{"id":2}')), CorruptDataError);
  assert.throws(() => decodeSchemaEntry('meta', Buffer.from('consistent_index'), new Uint8Array(3)), CorruptDataError);
  assert.throws(() => parseJsonExact('{"a":'), CorruptDataError);
  assert.throws(() => parseJsonExact('['.repeat(100) + ']'.repeat(100)), CorruptDataError);
  const proto = parseJsonExact('{"__proto__":{"x":1}}') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(proto), null);
  assert.deepEqual(Object.keys(proto), ['__proto__']);
});

test('Go %q uses Unicode 13 printability like the Go 1.19 that built etcd-dump-db 3.4.23', () => {
  const q = (s: string) => {
    const sink = new ByteSink(4);
    sink.goQuoted(Buffer.from(s, 'utf8'));
    return sink.toString();
  };
  // U+061D was added in Unicode 14 (printable for Node, escaped by Go 1.19): seen in bolt-basic large-values.
  assert.equal(q('\u061d'), '"\\u061d"');
  assert.equal(q('Ж\u00a0\u00ad\ufffd'), '"Ж\\u00a0\\u00ad\ufffd"');
  assert.equal(q('\u{1F511}\u{E0001}'), '"\u{1F511}\\U000e0001"');
  const bad = new ByteSink(4);
  bad.goQuoted(Uint8Array.from([0xff, 0xe2, 0x82, 0x22, 0x5c, 0x07, 0x7f]));
  assert.equal(bad.toString(), '"\\xff\\xe2\\x82\\"\\\\\\a\\x7f"');
});

test('ByteSink Go quoting agrees with io goQuote on random bytes (where Unicode versions agree)', () => {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 0xff;
  // Every single byte, then random strings biased towards UTF-8 lead and continuation bytes.
  const inputs: Uint8Array[] = Array.from({ length: 256 }, (_, c) => Uint8Array.of(c));
  for (let i = 0; i < 3000; i++) {
    const n = 1 + (rnd() % 12);
    inputs.push(Uint8Array.from({ length: n }, () => (rnd() & 1 ? 0x80 | (rnd() & 0x3f) : rnd())));
  }
  let compared = 0;
  for (const b of inputs) {
    const sink = new ByteSink(2);
    sink.goQuoted(b);
    const ours = sink.toString();
    const theirs = goQuote(b);
    if (ours === theirs) {
      compared++;
      continue;
    }
    // The only allowed difference: a rune printable in Node's newer Unicode but not in Unicode 13.
    assert.match(ours, /\\u[0-9a-f]{4}|\\U[0-9a-f]{8}/, `${Buffer.from(b).toString('hex')}: ${ours} vs ${theirs}`);
  }
  assert.ok(compared > 3000);
});

test('library: listBuckets, iterateBucket (reverse, limit, missing bucket)', async () => {
  const db = memoryBoltDb('mem', new Map([
    ['b', [{ key: Buffer.from('k1'), value: Buffer.from('v1') }, { key: Buffer.from('k2'), value: Buffer.from('v2') }, { key: Buffer.from('k3'), value: Buffer.from('v3') }]],
    ['a', []],
  ]));
  assert.deepEqual((await listBuckets(db)).map((n) => Buffer.from(n).toString()), ['a', 'b']);
  const keys = async (opts: { limit?: number; reverse?: boolean }) => {
    const out: string[] = [];
    for await (const e of await iterateBucket(db, 'b', opts)) out.push(Buffer.from(e.key).toString());
    return out;
  };
  assert.deepEqual(await keys({}), ['k3', 'k2', 'k1']);
  assert.deepEqual(await keys({ limit: 2 }), ['k3', 'k2']);
  assert.deepEqual(await keys({ limit: 0 }), ['k3', 'k2', 'k1']);
  assert.deepEqual(await keys({ reverse: false, limit: 1 }), ['k1']);
  await assert.rejects(iterateBucket(db, 'nope'), (err: unknown) => err instanceof NotFoundError && /got nil bucket for nope/.test(err.message));
  // Every key counts in the hash; an ignored key (3.4: meta/consistent_index) does not.
  const withMeta = (ci: string) => memoryBoltDb('mem', new Map([['meta', [{ key: Buffer.from('consistent_index'), value: Buffer.from(ci) }, { key: Buffer.from('term'), value: Buffer.from('1') }]]]));
  assert.equal(await hashDb(withMeta('1')), await hashDb(withMeta('2')));
  const withTerm = (t: string) => memoryBoltDb('mem', new Map([['meta', [{ key: Buffer.from('term'), value: Buffer.from(t) }]]]));
  assert.notEqual(await hashDb(withTerm('1')), await hashDb(withTerm('2')));
  assert.equal(await hashDb(withTerm('1'), { version: '3.5' }), await hashDb(withTerm('2'), { version: '3.5' }));
});
