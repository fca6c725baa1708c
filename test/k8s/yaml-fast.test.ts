// The YAML fast path (src/k8s/yaml/fast-marshal.ts) against the emitter (marshalYaml, itself
// held to go-yaml by yaml.test.ts and yaml-kubectl.test.ts): for every value it answers,
// the same bytes. Checked on every object of every release, on crafted values at the
// edges of its rules (quoting, folding at column 80 under keys and dashes, which the
// emitter's scalar writers do for it, key length, nesting) and on random trees; and it
// must answer nearly every object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, xorshift32 } from '../helpers.js';
import { marshalYaml, parseJsonForYaml, YamlNumber, type YamlValue } from '../../src/k8s/yaml/index.js';
import { marshalYamlFast } from '../../src/k8s/yaml/fast-marshal.js';

/** The fast text when there is one (then it must be the emitter's); whether it answered. */
function check(v: YamlValue, label: string): boolean {
  const fast = marshalYamlFast(v);
  if (fast === undefined) return false;
  assert.equal(fast, marshalYaml(v), label);
  return true;
}

const map = (entries: [string, YamlValue][]): Map<string, YamlValue> => new Map(entries);

test('YAML fast path: every testdata object of every release, the emitter bytes or no answer', (t) => {
  const testdata = requireShared(t, 'k8s-api/testdata');
  if (!testdata) return;
  let total = 0;
  let answered = 0;
  for (const release of readdirSync(testdata).sort()) {
    for (const name of readdirSync(join(testdata, release)).filter((n) => n.endsWith('.json'))) {
      let v: YamlValue;
      try {
        v = parseJsonForYaml(readFileSync(join(testdata, release, name), 'utf8'));
      } catch {
        continue; // the two upstream-damaged files
      }
      total++;
      if (check(v, `${release}/${name}`)) answered++;
    }
  }
  t.diagnostic(`${answered} of ${total} objects answered by the fast path`);
  // the rest have non-ASCII map keys (the testdata fills strings with random Unicode)
  assert.ok(total > 2800 && answered > total * 0.9, `${answered} of ${total} answered`);
});

test('YAML fast path: quoting, folding at column 80, key limits, nesting', (t) => {
  const strings = [
    'plain', 'true', 'false', 'null', '~', '123', '0x1F', '1e3', '', ' lead', 'trail ', 'a: b', 'a #b', '#c', '- x', '-x',
    '*ref', '&a', '!tag', '%x', '@x', '`x', '|x', '>x', "'q'", '"dq"', 'back\\slash', 'ok/with.dots_and-dashes', '2006-01-02T15:04:05Z',
    '2006-01-02', '1:30', 'yes', 'On', 'é', 'tab\there', 'line\nbreak', '{x}', '[x]', 'x,y', '? x', ': x', 'x:', '0o17', '.5', '+1',
  ];
  let answered = 0;
  let cases = 0;
  for (const s of strings) {
    for (const v of [map([['k', s]]), map([[s || 'k', 'v']]), map([['k', [s, [s]]]]), map([['list', [map([['a', s], ['b', s]])]]])]) {
      cases++;
      if (check(v, JSON.stringify(s))) answered++;
    }
  }
  // strings with spaces, ending just before, at and after column 80, under keys and dashes
  for (let len = 60; len <= 100; len++) {
    for (const indent of [0, 1, 2, 3]) {
      const words = ('word '.repeat(30) + 'x').slice(0, len).replace(/ $/, 'y');
      let v: YamlValue = map([['key', words], ['k2', [words, map([['inner', words]])]]]);
      for (let i = 0; i < indent; i++) v = map([['nest', v]]);
      cases++;
      if (check(v, `len ${len} indent ${indent}`)) answered++;
      const noSpace = 'z'.repeat(len);
      cases++;
      if (check(map([['key', noSpace], ['dq', '1' + noSpace.slice(1).replace(/z/g, '2')]]), `no space ${len}`)) answered++;
    }
  }
  // one space near the end of strings that end around column 80, under keys and dashes
  for (let len = 70; len <= 90; len++) {
    for (let at = len - 4; at <= len - 2; at++) {
      const s = 'a'.repeat(at) + ' ' + 'b'.repeat(len - at - 1);
      for (const v of [map([['k', s]]), map([['k', [s]]]), map([['k', [[s]]]]), map([['k', [map([['kk', s]])]]])]) {
        cases++;
        if (check(v, `space at ${at} of ${len}`)) answered++;
      }
    }
  }
  // literal blocks (text with line breaks: kept, stripped or kept-all chomping, leading
  // spaces) as values and items, followed by a sibling, by an outer key, or ending the document
  const blocks = ['a\nb', 'a\nb\n', 'a\n\n', '\n', ' lead\nx\n', 'tail \n', 'x\r\ny', 'é\nü\n', 'long '.repeat(20) + '\nnext\n'];
  for (const b of blocks) {
    const shapes: YamlValue[] = [
      map([['k', b]]),
      map([['k', b], ['z', 'after']]),
      map([['a', map([['k', b]])], ['b', 'outer']]),
      map([['list', [b, b, 'x']]]),
      map([['list', [b]], ['z', 'after']]),
      map([['list', [map([['k', b], ['l', b]]), [b, [b]]]], ['z', map([['deep', map([['k', b]])]])]]),
    ];
    for (const v of shapes) {
      cases++;
      if (check(v, `literal ${JSON.stringify(b)}`)) answered++;
    }
  }
  // keys the emitter quotes or counts by code points, before values that fold near column 80
  for (const key of ['é', 'ключ', '日本語', '😀x', 'a"b', 'tab\tkey', '#k', 'true', '1', "it's", '- k', 'k: v']) {
    for (let len = 66; len <= 84; len++) {
      const value = 'v'.repeat(len - 3) + ' vv';
      cases++;
      if (check(map([[key, value], ['n', map([[key, [value]]])]]), `key ${JSON.stringify(key)} value ${len}`)) answered++;
    }
  }
  // keys of 127-130 characters (simple keys end at 128 bytes)
  for (let n = 127; n <= 130; n++) {
    cases++;
    if (check(map([['k'.repeat(n), 'v']]), `key of ${n}`)) answered++;
  }
  // collections: empty ones, sequences of sequences, mappings in sequences, numbers, null, booleans
  const shapes: YamlValue[] = [
    map([['a', []], ['b', new Map()], ['c', [[]]], ['d', [new Map()]], ['e', [new YamlNumber('1'), new YamlNumber('-2.5e+10')]]]),
    map([['seq', [['a', 'b'], ['c', ['d', ['e']]]]], ['n', null], ['t', true], ['f', false]]),
    map([['m', [map([['x', [map([['y', 'z']])]]]), map([['only', new Map()]])]]]),
    map([['z', '1'], ['a10', '1'], ['a9', '1'], ['A', '1'], ['_', '1']]),
  ];
  for (const [i, v] of shapes.entries()) {
    cases++;
    if (check(v, `shape ${i}`)) answered++;
  }
  // deep: within and beyond the fast path's depth
  for (const depth of [10, 63, 64, 65, 200]) {
    let v: YamlValue = 'leaf';
    for (let i = 0; i < depth; i++) v = i % 2 ? map([['k', v]]) : [v];
    cases++;
    if (check(map([['root', v]]), `depth ${depth}`)) answered++;
  }
  t.diagnostic(`${answered} of ${cases} crafted values answered by the fast path`);
  assert.ok(answered > cases * 0.9, `${answered} of ${cases} answered`);
});

test('YAML fast path: 3,000 random trees (deterministic xorshift), the emitter bytes or no answer', (t) => {
  const next = xorshift32(0x5eed);
  const rnd = (n: number): number => next() % n;
  const atoms = ['a', 'b c', 'true', '', '1', 'x: y', 'long '.repeat(20), 'name-1', 'ns/obj', "it's", 'é', '-', '0.5', 'multi\nline', 'ends\n', 'two\n\n', ' lead\nx'];
  const keys = ['a', 'b', 'name', 'k8s.io/x', 'a10', 'a9', '1', 'key with space', 'é', 'x'.repeat(20)];
  const tree = (depth: number): YamlValue => {
    const r = rnd(depth > 4 ? 5 : 8);
    if (r < 3) return atoms[rnd(atoms.length)]!;
    if (r === 3) return [null, true, false, new YamlNumber(String(rnd(1000) - 500))][rnd(4)]!;
    if (r === 4) return [];
    if (r < 6) return Array.from({ length: rnd(4) }, () => tree(depth + 1));
    const m = new Map<string, YamlValue>();
    for (let i = rnd(4); i > 0; i--) m.set(keys[rnd(keys.length)]!, tree(depth + 1));
    return m;
  };
  let answered = 0;
  for (let i = 0; i < 3000; i++) {
    const m = new Map<string, YamlValue>([['root', tree(0)], ['other', tree(0)]]);
    if (check(m, `random tree ${i}`)) answered++;
  }
  t.diagnostic(`${answered} of 3000 random trees answered by the fast path`);
  assert.ok(answered > 2400, `${answered} of 3000 answered`);
});
