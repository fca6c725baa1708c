// jsonToYaml against outputs of the real Go code (sigs.k8s.io/yaml / go-yaml v2):
// - every <kind>.json / <kind>.yaml pair in ../shared/k8s-api/testdata (the .yaml was
//   written by the apiserver's YAML serializer = JSONToYAML), per release;
// - expectations copied from go-yaml v2's and sigs.k8s.io/yaml's own Go tests;
// - hard cases whose expected text follows from go-yaml v2's source rules (emitterc.go
//   analyze_scalar / select_scalar_style / writers, resolve.go, sorter.go), each
//   written out by hand with the rule that produces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { jsonToYaml, marshalGoJson, objectToYaml, YamlConversionError } from '../../src/k8s/yaml/index.js';
import { requireShared } from '../helpers.js';

const j = (v: unknown): string => JSON.stringify(v);
/** One-key document {"v": s} as go-yaml writes it: "v: <rendered>\n". */
const v = (s: string): string => jsonToYaml(j({ v: s }));

test('k8s-api testdata: jsonToYaml(x.json) equals x.yaml for every kind of every release', (t) => {
  const root = requireShared(t, 'k8s-api/testdata');
  if (!root) return;
  const table: string[] = [];
  let bytes = 0;
  let seconds = 0;
  let totalPass = 0;
  for (const release of readdirSync(root).sort()) {
    const dir = join(root, release);
    let pass = 0;
    let total = 0;
    const malformed: string[] = [];
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const jsonText = readFileSync(join(dir, name), 'utf8');
      const want = readFileSync(join(dir, name.replace(/\.json$/, '.yaml')), 'utf8');
      let valid = true;
      try {
        JSON.parse(jsonText);
      } catch {
        valid = false;
      }
      if (!valid) {
        // Upstream file is not JSON (an older, longer version's tail was left behind
        // after the new content); its .yaml was written from a different object. Go's
        // JSONToYAML errors on such text, so must we.
        assert.throws(() => jsonToYaml(jsonText), YamlConversionError, `${release}/${name}`);
        malformed.push(name);
        continue;
      }
      total++;
      const cpu0 = process.cpuUsage();
      const got = jsonToYaml(jsonText);
      const cpu = process.cpuUsage(cpu0);
      seconds += (cpu.user + cpu.system) / 1e6;
      bytes += jsonText.length;
      assert.equal(got, want, `${release}/${name}`);
      pass++;
    }
    totalPass += pass;
    table.push(`${release.padEnd(8)} ${pass}/${total} pass${malformed.length ? `  (+${malformed.length} malformed upstream .json, rejected as Go does: ${malformed.join(', ')})` : ''}`);
  }
  for (const line of table) t.diagnostic(line);
  t.diagnostic(`total ${totalPass} pairs; ${(bytes / 1e6 / seconds).toFixed(1)} MB/s of JSON in, CPU time (${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(2)} s, first calls unwarmed)`);
  assert.ok(totalPass > 2500);
  // A few MB/s is the requirement; keep the bar low enough for a loaded CI machine.
  assert.ok(bytes / 1e6 / seconds > 2, `throughput ${bytes / 1e6 / seconds} MB/s`);
});

test('etcd-k8s fixture: the YAML source of every stored .pb is what jsonToYaml prints for its JSON', (t) => {
  const keyMapPath = requireShared(t, 'fixtures/etcd-k8s/oracle/key-map.json');
  const apiRoot = requireShared(t, 'k8s-api');
  if (!keyMapPath || !apiRoot) return;
  const keyMap = JSON.parse(readFileSync(keyMapPath, 'utf8')) as { pb_keys: Record<string, string> };
  let n = 0;
  for (const pb of Object.keys(keyMap.pb_keys)) {
    const base = join(apiRoot, pb.replace(/\.pb$/, ''));
    assert.equal(jsonToYaml(readFileSync(base + '.json', 'utf8')), readFileSync(base + '.yaml', 'utf8'), pb);
    n++;
  }
  assert.ok(n > 150);
  t.diagnostic(`${n} objects`);
});

test('go-yaml v2 encode_test.go marshalTests that JSON can express', () => {
  // sigs.k8s.io/yaml goyaml.v2/encode_test.go (JSON numbers 10, -10, 4294967296, 0.1, ...).
  assert.equal(jsonToYaml('null'), 'null\n');
  assert.equal(jsonToYaml('{}'), '{}\n');
  assert.equal(jsonToYaml('{"v":"hi"}'), 'v: hi\n');
  assert.equal(jsonToYaml('{"v":"true"}'), 'v: "true"\n');
  assert.equal(jsonToYaml('{"v":"false"}'), 'v: "false"\n');
  assert.equal(jsonToYaml('{"v":true}'), 'v: true\n');
  assert.equal(jsonToYaml('{"v":false}'), 'v: false\n');
  assert.equal(jsonToYaml('{"v":10}'), 'v: 10\n');
  assert.equal(jsonToYaml('{"v":-10}'), 'v: -10\n');
  assert.equal(jsonToYaml('{"v":4294967296}'), 'v: 4294967296\n');
  assert.equal(jsonToYaml('{"v":"10"}'), 'v: "10"\n');
  assert.equal(jsonToYaml('{"v":0.1}'), 'v: 0.1\n');
  assert.equal(jsonToYaml('{"v":-0.1}'), 'v: -0.1\n');
  assert.equal(jsonToYaml('{"v":null}'), 'v: null\n');
  assert.equal(jsonToYaml('{"v":""}'), 'v: ""\n');
  assert.equal(jsonToYaml('{"v":["A","B"]}'), 'v:\n- A\n- B\n');
  assert.equal(jsonToYaml('{"v":["A","B\\nC"]}'), 'v:\n- A\n- |-\n  B\n  C\n');
  assert.equal(jsonToYaml('{"v":["A",1,{"B":[2,3]}]}'), 'v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n');
  assert.equal(jsonToYaml('{"a":{"b":"c"}}'), 'a:\n  b: c\n');
  assert.equal(jsonToYaml('{"a":"-"}'), "a: '-'\n");
  assert.equal(jsonToYaml('123'), '123\n');
  assert.equal(jsonToYaml('{"a":"<foo>"}'), 'a: <foo>\n');
  assert.equal(jsonToYaml('{"a":"1:1"}'), 'a: "1:1"\n');
  assert.equal(jsonToYaml('{"a":"\\u0000"}'), 'a: "\\0"\n');
  assert.equal(jsonToYaml('{"a":"你好"}'), 'a: 你好\n');
  assert.equal(jsonToYaml('{"a":"2015-02-24T18:19:39Z"}'), 'a: "2015-02-24T18:19:39Z"\n');
  assert.equal(jsonToYaml('{"a":"b: c"}'), "a: 'b: c'\n");
  assert.equal(jsonToYaml('{"a":"Hello #comment"}'), "a: 'Hello #comment'\n");
  assert.equal(jsonToYaml('{"a":"你好 #comment"}'), "a: '你好 #comment'\n");
  assert.equal(jsonToYaml('{"a":100.5}'), 'a: 100.5\n');
});

test('go-yaml v2 TestLineWrapping: folded at width 80 (sigs.k8s.io/yaml never calls FutureLineWrap)', () => {
  const s = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 ';
  assert.equal(
    jsonToYaml(j({ a: s })),
    "a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n" +
      "  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n",
  );
});

test('go-yaml v2 TestSortedOutput: natural key order (string keys), whatever the input order', () => {
  const order = [
    '', '.1', '.2', '.a', '1', '2', 'a!10', 'a/0001', 'a/002', 'a/3', 'a/10', 'a/11', 'a/0012', 'a/100', 'a~10',
    'ab/1', 'b/1', 'b/01', 'b/2', 'b/02', 'b/3', 'b/03', 'b1', 'b01', 'b3', 'c2.10', 'c10.2', 'd1', 'd7', 'd7abc',
    'd12', 'd12a',
  ];
  // Keys that resolve to a non-string (null, floats, ints) are double-quoted.
  const quoted = new Set(['', '.1', '.2', '1', '2']);
  const want = order.map((k) => (quoted.has(k) ? `"${k}"` : k) + ': 1\n').join('');
  const permutations = [order, [...order].reverse(), order.map((_, i) => order[(i * 7) % order.length]!)];
  for (const keys of permutations) {
    const obj = '{' + keys.map((k) => `${j(k)}:1`).join(',') + '}';
    assert.equal(jsonToYaml(obj), want);
  }
});

test('sigs.k8s.io/yaml yaml_test.go JSON→YAML cases', () => {
  assert.equal(jsonToYaml('{"t":"a"}'), 't: a\n');
  assert.equal(jsonToYaml('{"t":null}'), 't: null\n');
  assert.equal(jsonToYaml('{"1":"a"}'), '"1": a\n');
  assert.equal(jsonToYaml('{"1e+36":"a"}'), '"1e+36": a\n');
  assert.equal(jsonToYaml('{"1.2":"a"}'), '"1.2": a\n');
  assert.equal(jsonToYaml('[{"t":"a"}]'), '- t: a\n');
  assert.equal(jsonToYaml('[{"t":"a"},{"t":{"b":1,"c":2}}]'), '- t: a\n- t:\n    b: 1\n    c: 2\n');
  assert.equal(jsonToYaml('[{"t":null}]'), '- t: null\n');
});

test('resolve.go: strings YAML 1.1 would read as bool/null/int/float/timestamp are double-quoted', () => {
  for (const s of ['yes', 'Yes', 'YES', 'y', 'Y', 'n', 'N', 'no', 'on', 'On', 'OFF', 'off', 'True', 'FALSE', '~', 'null', 'Null', 'NULL']) {
    assert.equal(v(s), `v: "${s}"\n`, s);
  }
  // ints with Go base-0 syntax after removing '_', floats matching yamlStyleFloat, specials.
  for (const s of ['0', '-1', '+1', '017', '0x1F', '0X1f', '0o17', '0b101', '1_000', '1e3', '1.', '.5', '-.5e-3', '.inf', '-.Inf', '.NaN', '+.INF']) {
    assert.equal(v(s), `v: "${s}"\n`, s);
  }
  // After a failed base-0 parse, "0b"+rest is retried with ParseInt(rest, 2), which takes a sign.
  assert.equal(v('0b+101'), 'v: "0b+101"\n');
  // Base-60 floats (encode.go isBase60Float).
  assert.equal(v('1:20'), 'v: "1:20"\n');
  assert.equal(v('-10:30:00.5'), 'v: "-10:30:00.5"\n');
  assert.equal(v('8080:80'), 'v: 8080:80\n');
  // Timestamps: the four time.Parse layouts, with range checks.
  assert.equal(v('2015-02-24'), 'v: "2015-02-24"\n');
  assert.equal(v('2015-2-4'), 'v: "2015-2-4"\n');
  assert.equal(v('2001-12-14 21:59:43.10'), 'v: "2001-12-14 21:59:43.10"\n');
  assert.equal(v('2001-12-14t21:59:43.10-05:00'), 'v: "2001-12-14t21:59:43.10-05:00"\n');
  assert.equal(v('2016-02-29'), 'v: "2016-02-29"\n');
  assert.equal(v('2015-02-29'), 'v: 2015-02-29\n'); // no such day: not a timestamp, not a number
  assert.equal(v('2015-13-01'), 'v: 2015-13-01\n');
  assert.equal(v('2001-12-14T21:59:43'), 'v: 2001-12-14T21:59:43\n'); // the T layout needs a zone
  // Hints that never resolve: first byte outside the table.
  assert.equal(v('<<'), 'v: <<\n');
  assert.equal(v('.x'), 'v: .x\n');
  assert.equal(v('yes please'), 'v: yes please\n');
  assert.equal(v('1 2'), 'v: 1 2\n');
});

test('emitterc.go analyze_scalar: indicators, spaces and special characters pick the quoting', () => {
  // First-character indicators → no plain style → single quotes (quote doubled inside).
  for (const s of ['#a', ',a', '[a', ']a', '{a}', '&a', '*a', '!a', '|a', '>a', '%a', '@a', '`a', '"a']) {
    assert.equal(v(s), `v: '${s}'\n`, s);
  }
  assert.equal(v("'a"), "v: '''a'\n");
  assert.equal(v("it's"), "v: it's\n");
  // '-', '?', ':' are indicators at the start only when followed by a blank (or the end).
  assert.equal(v('- a'), "v: '- a'\n");
  assert.equal(v('-a'), 'v: -a\n');
  assert.equal(v('-'), "v: '-'\n");
  assert.equal(v('? a'), "v: '? a'\n");
  assert.equal(v('?a'), 'v: ?a\n');
  assert.equal(v(':a'), 'v: :a\n');
  // Inside: ": " and " #" break plain style; flow indicators alone do not (block context).
  assert.equal(v('a: b'), "v: 'a: b'\n");
  assert.equal(v('a:'), "v: 'a:'\n");
  assert.equal(v('a:b'), 'v: a:b\n');
  assert.equal(v('a #b'), "v: 'a #b'\n");
  assert.equal(v('a#b'), 'v: a#b\n');
  assert.equal(v('a,b[c]{d}?'), 'v: a,b[c]{d}?\n');
  // Document markers.
  assert.equal(v('---'), "v: '---'\n");
  assert.equal(v('...x'), "v: '...x'\n");
  // Leading/trailing spaces.
  assert.equal(v(' a'), "v: ' a'\n");
  assert.equal(v('a '), "v: 'a '\n");
  // Non-printable characters → double quotes with escapes: TAB, DEL, C1, astral, U+FEFF.
  assert.equal(v('a\tb'), 'v: "a\\tb"\n');
  // (JSON.stringify leaves DEL and NEL raw, which the YAML reader rejects/folds: escape them.)
  assert.equal(jsonToYaml('{"v":"a\\u007fb"}'), 'v: "a\\x7Fb"\n');
  assert.equal(jsonToYaml('{"v":"\\u0085"}'), 'v: "\\N"\n');
  assert.equal(v('\u0007\u0008\u000b\u000c\r\u001b\u0001'), 'v: "\\a\\b\\v\\f\\r\\e\\x01"\n');
  assert.equal(v('smile 😀'), 'v: "smile \\U0001F600"\n');
  assert.equal(v('a\ufeffb'), 'v: "a\\uFEFFb"\n');
  // A leading BOM makes is_bom() true for every character: all of them are escaped.
  assert.equal(v('\ufeffab'), 'v: "\\uFEFF\\x61\\x62"\n');
  assert.equal(v('say "hi"\t'), 'v: "say \\"hi\\"\\t"\n');
  // Printable non-ASCII stays as UTF-8, NBSP included.
  assert.equal(v('é\u00a0ü'), 'v: é\u00a0ü\n');
  // A line separator is a break: plain not allowed, single quotes are.
  assert.equal(jsonToYaml('{"v":"\\u2028"}'), "v: '\u2028'\n");
});

test('stringv/emitterc.go: text with newlines is a literal block with the right chomping', () => {
  assert.equal(v('a\nb'), 'v: |-\n  a\n  b\n');
  assert.equal(v('a\nb\n'), 'v: |\n  a\n  b\n');
  assert.equal(v('a\n\n'), 'v: |+\n  a\n\n');
  assert.equal(v('a\n\nb'), 'v: |-\n  a\n\n  b\n');
  // Leading space or break: explicit indentation indicator.
  assert.equal(v(' a\nb'), 'v: |2-\n   a\n  b\n');
  assert.equal(v('\na'), 'v: |2-\n\n  a\n');
  // Space before a break, trailing space, or special characters: no block style.
  assert.equal(v('a \nb'), 'v: "a \\nb"\n');
  assert.equal(v('a\nb '), 'v: "a\\nb "\n');
  assert.equal(v('a\tb\nc'), 'v: "a\\tb\\nc"\n');
  // Space after a break is fine for a literal block.
  assert.equal(v('a\n b'), 'v: |-\n  a\n   b\n');
  // Nested: the block is indented two more than its key; sequences do not indent.
  assert.equal(jsonToYaml(j({ a: { b: ['x\ny'] } })), 'a:\n  b:\n  - |-\n    x\n    y\n');
  assert.equal(jsonToYaml(j('x\ny')), '|-\n  x\n  y\n');
});

test('emitterc.go writers: plain and double-quoted text folds at spaces past column 80', () => {
  const words = (n: number): string => Array(n).fill('word').join(' ');
  // Plain: a space is turned into a line break once the column is past 80.
  // "a: " + 16 words ends at column 82; the continuation is indented 2.
  assert.equal(jsonToYaml(j({ a: words(30) })), 'a: ' + words(16) + '\n  ' + words(14) + '\n');
  // Double-quoted (a tab forces it): '"\t' takes 3 columns after "v: ".
  assert.equal(v('\t' + words(30)), 'v: "\\t' + words(16) + '\n  ' + words(14) + '"\n');
  // Keys are never folded (simple keys), nor are words longer than the line.
  const long = 'x'.repeat(100);
  assert.equal(v(long + ' ' + long), `v: ${long}\n  ${long}\n`);
  assert.equal(jsonToYaml(j({ [words(20)]: 1 })), `${words(20)}: 1\n`);
});

test('emitterc.go check_simple_key: keys over 128 UTF-8 bytes or spanning lines use "? key"', () => {
  const k128 = 'k'.repeat(128);
  const k129 = 'k'.repeat(129);
  assert.equal(jsonToYaml(j({ [k128]: 'v' })), `${k128}: v\n`);
  assert.equal(jsonToYaml(j({ [k129]: 'v' })), `? ${k129}\n: v\n`);
  const wide = '中'.repeat(43); // 129 bytes, 43 characters
  assert.equal(jsonToYaml(j({ [wide]: 1 })), `? ${wide}\n: 1\n`);
  assert.equal(jsonToYaml(j({ 'x\ny': 1 })), '? |-\n  x\n  y\n: 1\n');
  assert.equal(jsonToYaml(j({ [k129]: { a: 1 } })), `? ${k129}\n: a: 1\n`);
  // Keys follow the same quoting as values.
  // Order: "" first (shortest); "- k" before "7" (a digit run 7 beats "no digits" = 0);
  // letters after non-letters.
  assert.equal(jsonToYaml(j({ '': 1, 7: 'x', 'a b': 2, '- k': 3 })), `"": 1\n'- k': 3\n"7": x\na b: 2\n`);
});

test('collections: empty ones in flow style, nested sequences, root values', () => {
  assert.equal(jsonToYaml('{"list":[[1,2],[],{},{"a":[]}]}'), 'list:\n- - 1\n  - 2\n- []\n- {}\n- a: []\n');
  assert.equal(jsonToYaml('[["a"]]'), '- - a\n');
  assert.equal(jsonToYaml('[]'), '[]\n');
  assert.equal(jsonToYaml('"top"'), 'top\n');
  assert.equal(jsonToYaml('true'), 'true\n');
  assert.equal(jsonToYaml('  '), 'null\n'); // yaml.Unmarshal of an empty document → nil
  assert.equal(jsonToYaml(''), 'null\n');
  assert.equal(jsonToYaml('\ufeff{"a":1}'), 'a: 1\n'); // a leading BOM is not content for the YAML reader
  assert.equal(jsonToYaml('{"m":{"x":{"y":[{"z":1,"a":[2]}]}}}'), 'm:\n  x:\n    "y":\n    - a:\n      - 2\n      z: 1\n');
});

test('numbers: exact 64-bit ints, uint64, float formatting like strconv g -1', () => {
  const nums = '[1,-0,1.0,1.5,1e6,123456.0,1234567.0,0.0001,0.00001,-1.5e-7,18446744073709551615,18446744073709551616,9223372036854775807,-9223372036854775808,-9223372036854775809,1e400,1E+2,-0.0,1e21,123456789012345678]';
  assert.equal(
    jsonToYaml(nums),
    [
      '1', '0', '1', '1.5', '1e+06', '123456', '1.234567e+06', '0.0001', '1e-05', '-1.5e-07',
      '18446744073709551615', '1.8446744073709552e+19', '9223372036854775807', '-9223372036854775808',
      '-9.223372036854776e+18', '1e400', '100', '-0', '1e+21', '123456789012345678',
    ].map((s) => `- ${s}\n`).join(''),
  );
});

test('decoding quirks: duplicate keys keep the last value; __proto__ is data; raw NEL folds', () => {
  assert.equal(jsonToYaml('{"a":1,"b":2,"a":3}'), 'a: 3\nb: 2\n');
  assert.equal(jsonToYaml('{"__proto__":{"x":1},"constructor":2}'), '__proto__:\n  x: 1\nconstructor: 2\n');
  // Key sequences that would collide under a naive join must still sort on their own.
  // ("a\0"+"b" and "a"+"\0b" joined with NUL are the same text, their orders differ.)
  assert.equal(jsonToYaml('{"a\\u0000":1,"b":2}'), '"a\\0": 1\nb: 2\n');
  assert.equal(jsonToYaml('{"a":1,"\\u0000b":2}'), '"\\0b": 2\na: 1\n');
  // Go's encoding/json leaves U+0085 unescaped; go-yaml's scanner reads it as a line
  // break inside the quoted scalar and folds it (blanks around it are dropped).
  assert.equal(jsonToYaml('{"v":"x \u0085 y"}'), 'v: x y\n');
  assert.equal(jsonToYaml('{"v":"a\u0085\u0085b"}'), 'v: |-\n  a\n  b\n');
  // Escaped, it is just a character.
  assert.equal(jsonToYaml('{"v":"x \\u0085 y"}'), 'v: "x \\N y"\n');
  // Strings are read by the YAML scanner, so YAML's own escapes work too (not JSON, but Go accepts them).
  assert.equal(jsonToYaml('"\\x41\\U0001F600\\N\\_\\e\\ \\\'"'), '"A\\U0001F600\\N\u00a0\\e \'"\n');
});

test('bad input: one clear error, never a crash', () => {
  const bad = [
    '{"a":1',
    '{"a":1,}',
    '[1 2]',
    '{"a" 1}',
    '{a:1}',
    '"abc',
    '"a\\/b"', // JSON allows \/, go-yaml's scanner does not ("found unknown escape character")
    '"\\q"',
    '"\\x4"',
    '"\\U00110000"',
    '01',
    '1.',
    '{} x',
    'nul',
    '"\\ud800"', // escaped surrogates: go-yaml refuses them, even as a valid pair
    '"\\ud83d\\ude00"',
    '"a\u007fb"', // raw DEL: "control characters are not allowed"
    '"a\u0080b"',
    '"a\ufffeb"',
    '"a\u0001b"',
    '"\ud800"',
  ];
  for (const text of bad) {
    assert.throws(() => jsonToYaml(text), (e: unknown) => e instanceof YamlConversionError && /^yaml: /.test(e.message) && !e.message.includes('\n'), JSON.stringify(text));
  }
  // Depth: go-yaml's scanner allows 10000 nested flow levels.
  assert.equal(jsonToYaml('['.repeat(10000) + ']'.repeat(10000)), '- '.repeat(9999) + '[]\n');
  assert.throws(() => jsonToYaml('['.repeat(10001) + ']'.repeat(10001)), /exceeded max depth of 10000/);
  assert.throws(() => jsonToYaml('{"a":'.repeat(20000)), /exceeded max depth of 10000/);
});

test('large input: linear time for long strings and wide objects', () => {
  const big = { s: 'a'.repeat(5_000_000), list: Array.from({ length: 50_000 }, (_, i) => ({ ['k' + i]: i })) };
  const start = Date.now();
  const out = jsonToYaml(j(big));
  assert.ok(out.startsWith('list:\n- k0: 0\n- k1: 1\n'));
  assert.ok(out.endsWith(`s: ${'a'.repeat(5_000_000)}\n`));
  assert.ok(Date.now() - start < 10_000);
});

test('key order: the same sorted result whatever the input order, for consistent key sets', () => {
  // For a transitive key order every correct sort gives the one result Go gives. Keys:
  // letters only (code point order) and "k<n>" (numeric digit runs).
  let seed = 0x9e3779b9;
  const rand = (n: number): number => {
    // xorshift32: all 32 bits are usable (an LCG's low bits cycle too soon).
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const size of [2, 5, 12, 13, 40, 49, 50, 51, 100, 257, 1000, 3000]) {
    const words = new Set<string>();
    while (words.size < size) {
      let w = '';
      for (let i = 1 + rand(6); i > 0; i--) w += letters[rand(letters.length)];
      words.add(w);
    }
    const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const nums = Array.from({ length: size }, (_, i) => `k${i + 1}`);
    const patterns = [
      [...words],
      [...sorted],
      [...sorted].reverse(),
      sorted.map((_, i) => sorted[(i * 2) % size < size ? (i * 2) % size : i]!).filter((x, i, a) => a.indexOf(x) === i),
    ];
    for (const input of patterns) {
      if (input.length !== size) continue;
      const want = Object.fromEntries(sorted.map((k) => [k, 1]));
      const expected = Object.keys(want).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => `${k}: 1\n`);
      const got = jsonToYaml('{' + input.map((k) => `${j(k)}:1`).join(',') + '}');
      // Plain keys that YAML 1.1 would misread (y, n, on, ...) are quoted; compare key names only.
      assert.deepEqual(got.split('\n').slice(0, -1).map((l) => l.replace(/^"([^"]*)"/, '$1')), expected.map((l) => l.slice(0, -1)));
    }
    const shuffled = [...nums];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const k = rand(i + 1);
      [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
    }
    const got = jsonToYaml('{' + shuffled.map((k) => `${j(k)}:1`).join(',') + '}');
    assert.equal(got, nums.map((k) => `${k}: 1\n`).join(''));
  }
});

test('objectToYaml: json.Marshal escaping (encoding/json), then JSONToYAML', () => {
  // encoding/json escapes <, >, & and U+2028/U+2029, writes other characters raw, and
  // turns a lone surrogate (invalid UTF-8) into U+FFFD.
  assert.equal(marshalGoJson({ a: '<a&b>', b: '\u2028\u2029', c: '\u0001\n\t', d: 'é😀' }), '{"a":"\\u003ca\\u0026b\\u003e","b":"\\u2028\\u2029","c":"\\u0001\\n\\t","d":"é😀"}');
  assert.equal(objectToYaml({ e: '\ud800' }), 'e: \ufffd\n');
  assert.equal(marshalGoJson([1.5, 1e21, 1e-7, -0, 12345678901234567890n, null, true, new Map([['k', []]]), { x: undefined }]), '[1.5,1e+21,1e-7,-0,12345678901234567890,null,true,{"k":[]},{}]');
  assert.equal(objectToYaml({ note: 'a \u2028 b', big: 9223372036854775807n, list: [] }), 'big: 9223372036854775807\nlist: []\nnote: "a \\L b"\n');
  // Raw DEL survives json.Marshal and go-yaml's reader refuses it, as in Go.
  assert.throws(() => objectToYaml({ v: 'a\u007fb' }), YamlConversionError);
  let deep: unknown[] = [];
  const root = deep;
  for (let i = 0; i < 9999; i++) deep.push((deep = []));
  assert.equal(objectToYaml(root as never), '- '.repeat(9999) + '[]\n');
});
