import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, Crc32c } from '../src/io/crc32c.js';
import { crc32cCombine } from '../src/io/crc32c-combine.js';
import { fnv64a } from '../src/io/fnv64a.js';
import { goQuote, goQuoteString } from '../src/io/go-quote.js';
import { ByteReader } from '../src/io/byte-reader.js';
import { MemoryByteSource } from '../src/io/byte-source.js';
import { stringifyJson } from '../src/io/json.js';
import { TruncatedError } from '../src/errors.js';

const ascii = (s: string) => Buffer.from(s, 'latin1');

test('crc32c: published check value and chaining', () => {
  // CRC-32C check value from the Castagnoli catalogue (RFC 3720 B.4 family).
  assert.equal(crc32c(ascii('123456789')), 0xe3069283);
  assert.equal(crc32c(ascii('56789'), crc32c(ascii('1234'))), 0xe3069283);
  assert.equal(new Crc32c().update(ascii('123')).update(ascii('456789')).value, 0xe3069283);
  // 32 bytes of zeros, RFC 3720 B.4
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
});

test('fnv64a: published test vectors', () => {
  assert.equal(fnv64a(new Uint8Array(0)), 0xcbf29ce484222325n);
  assert.equal(fnv64a(ascii('a')), 0xaf63dc4c8601ec8cn);
  assert.equal(fnv64a(ascii('foobar')), 0x85944171f73967e8n);
});

test('goQuote: matches Go strconv.Quote', () => {
  // Examples from Go's strconv documentation and quote_test.go.
  assert.equal(goQuoteString('"Fran & Freddie\'s Diner\t☺"'), '"\\"Fran & Freddie\'s Diner\\t☺\\""');
  assert.equal(goQuote(Buffer.from([0x07, 0x08, 0x0c, 0x0d, 0x0a, 0x09, 0x0b])), '"\\a\\b\\f\\r\\n\\t\\v"');
  assert.equal(goQuote(Buffer.from([0xff])), '"\\xff"');
  assert.equal(goQuote(Buffer.from([0x00, 0x7f])), '"\\x00\\x7f"');
  assert.equal(goQuoteString('\u00a0'), '"\\u00a0"');
  assert.equal(goQuoteString('\u{1F600}'), '"😀"');
  assert.equal(goQuoteString('\u{E0001}'), '"\\U000e0001"');
  assert.equal(goQuote(Buffer.from([0xe2, 0x82])), '"\\xe2\\x82"');
  // U+061D was added in Unicode 14: Go 1.19 (which built the reference tools) escapes it,
  // as the recorded bolt-basic etcd-dump-db output shows.
  assert.equal(goQuoteString('\u061d'), '"\\u061d"');
});

test('ByteReader: bounds-checked reads with absolute offsets', () => {
  const r = new ByteReader(Buffer.from([1, 0, 2, 0, 0, 0, 0xac, 0x02]), { format: 'test', file: 'f', base: 100 });
  assert.equal(r.u16le(), 1);
  assert.equal(r.u32le(), 2);
  assert.equal(r.uvarint(), 300);
  assert.throws(() => r.u8(), (e: unknown) => e instanceof TruncatedError && /^test: f @108/.test(e.message));
});

test('MemoryByteSource: reads past the end throw TruncatedError', async () => {
  const s = new MemoryByteSource(new Uint8Array(10), 'mem');
  assert.equal((await s.read(2, 8)).length, 8);
  await assert.rejects(s.read(5, 6), TruncatedError);
});

test('stringifyJson: exact 64-bit integers', () => {
  assert.equal(stringifyJson({ a: 18446744073709551615n, b: [1, 'x'], c: undefined }), '{"a":18446744073709551615,"b":[1,"x"]}');
  assert.equal(stringifyJson({ a: 1 }, 2), '{\n  "a": 1\n}');
});

test('crc32cCombine: crc(A‖B) from crc(A), crc(B) and |B| equals the CRC of the concatenation', () => {
  let seed = 7;
  const rnd = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  for (const [la, lb] of [[0, 0], [0, 5], [5, 0], [1, 1], [3, 17], [100, 1000], [4096, 65537]] as const) {
    const a = rnd(la);
    const b = rnd(lb);
    const ab = new Uint8Array(la + lb);
    ab.set(a);
    ab.set(b, la);
    assert.equal(crc32cCombine(crc32c(a), crc32c(b), lb), crc32c(ab), `${la}+${lb}`);
  }
  // Go's crc32.Checksum("123456789", Castagnoli) is the standard check value 0xe3069283
  const enc = new TextEncoder();
  assert.equal(crc32cCombine(crc32c(enc.encode('1234')), crc32c(enc.encode('56789')), 5), 0xe3069283);
});
