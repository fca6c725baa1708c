// YAML input of `encode` is read as kubectl/auger read it: sigs.k8s.io/yaml decodes with
// go-yaml v2 into interface{} (resolve.go: YAML 1.1 booleans, Go integer literals via
// strconv.ParseInt(s, 0, 64) after removing '_', floats, timestamps kept as strings for
// interface{} targets), then converts map keys to strings and marshals JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yamlToJsonText } from '../../src/k8s/index.js';
import { CorruptDataError } from '../../src/errors.js';

test('plain scalars resolve as go-yaml v2 resolves them', () => {
  const cases: [string, string][] = [
    ['0644', '420'], // a leading 0 is octal in Go's ParseInt base 0 (volume defaultMode)
    ['0o17', '15'],
    ['0x1F', '31'],
    ['0b101', '5'],
    ['-0b101', '-5'],
    ['1_000', '1000'],
    ['09', '9'], // not octal: ParseInt fails, the YAML float pattern accepts it
    ['9223372036854775807', '9223372036854775807'],
    ['-9223372036854775808', '-9223372036854775808'],
    ['18446744073709551615', '18446744073709551615'], // ParseUint
    ['1.5e3', '1500'],
    ['.5', '0.5'],
    ['yes', 'true'],
    ['On', 'true'],
    ['y', 'true'],
    ['NO', 'false'],
    ['off', 'false'],
    ['~', 'null'],
    ['Null', 'null'],
    ['2001-12-14', '"2001-12-14"'],
    ['2001-12-14T21:59:43.10-05:00', '"2001-12-14T21:59:43.10-05:00"'],
    ['"0644"', '"0644"'],
    ["'yes'", '"yes"'],
    ['Yes please', '"Yes please"'],
    ['1:20', '"1:20"'],
    ['0x', '"0x"'],
    ['+', '"+"'],
  ];
  for (const [yaml, json] of cases) assert.equal(yamlToJsonText(`v: ${yaml}\n`), `{"v":${json}}`, yaml);
  assert.equal(yamlToJsonText('v:\n'), '{"v":null}');
});

test('keys resolve too (sigs.k8s.io/yaml turns bool and int keys into their text); merge keys work', () => {
  assert.deepEqual(JSON.parse(yamlToJsonText('n: 1\non: 2\n010: 3\n"y": 4\n')), { false: 1, true: 2, 8: 3, y: 4 });
  assert.equal(yamlToJsonText('base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n'), '{"base":{"a":1},"x":{"a":1,"c":2}}');
});

test('values with no JSON form and broken YAML are one-line errors', () => {
  for (const [text, re] of [
    ['a: .inf\n', /YAML value Infinity at \.a has no JSON form/],
    ['a: [.nan]\n', /YAML value NaN at \.a\[0\] has no JSON form/],
    ['a: [\n', /input is not valid YAML: /],
  ] as const) {
    assert.throws(() => yamlToJsonText(text), (e) => e instanceof CorruptDataError && re.test(e.message) && !e.message.includes('\n'), text);
  }
});
