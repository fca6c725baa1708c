// jsonToYaml against the real kubectl (a Go binary built with sigs.k8s.io/yaml), on a
// corpus of hard strings, keys and nestings. `kubectl label --local -f obj.json x=y -o
// yaml` decodes the object, marshals it back to JSON with Go's encoding/json and prints
// sigs.k8s.io/yaml.JSONToYAML of that: we feed jsonToYaml the same JSON (Go's escaping,
// the label already set) and expect the same bytes, or an error where kubectl failed.
//
// The outputs below were recorded from kubectl v1.32.4 (gcloud SDK build). With kubectl
// on PATH the test also runs it live. To re-record: YAML_KUBECTL_RECORD=1 node
// scripts/run-tests.mjs yaml-kubectl, then paste the printed RECORDED value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { jsonToYaml, YamlConversionError } from '../../src/k8s/yaml/index.js';

function valueCorpus(): string[] {
  const v: string[] = [];
  for (let c = 0x21; c <= 0x7e; c++) {
    const ch = String.fromCharCode(c);
    v.push(ch, ch + 'a', 'a' + ch, 'a' + ch + 'b', 'a ' + ch, ch + ' a', 'a' + ch + ' ', 'a ' + ch + ' b');
  }
  v.push(...'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~ .nan .NaN .NAN .inf .Inf .INF +.inf -.inf -.Inf +.INF .nAn yES tRUE << <<< yes! Yes? nO'.split(' '));
  v.push('', ' ', '  ', 'yes ', ' no');
  v.push(...'0 00 01 08 09 0x 0x1 0X1F 0x1g 0o 0o7 0o8 0O17 0b 0b1 0b2 0B1 0b+1 0b-1 -0b1 -0b-1 +0b1 1_0 _1 1_ 1__0 0_1 0x_1 + - +1 -1 +-1 1. .1 1.e1 1e1 1E1 1e 1e+ 1e+1 -1e-1 .e1 1.2.3 1,000 1:2 1:2:3 1:60 1:59 190:20:30 -1:20 +1:20 1:2.5 1:2. 1:2_3 1_000:20 9223372036854775807 9223372036854775808 -9223372036854775808 -9223372036854775809 18446744073709551615 18446744073709551616 0x8000000000000000 0xFFFFFFFFFFFFFFFF 0x10000000000000000 1e309 -1e309 1e-400 123456789012345678901234567890 0777777777777777777777777 .5_0 ._5 .5e1_0 1.5_0 Infinity inf NaN nan +Inf 0.0 -0 -0.0 +0 1e-7 0xabc 0xABCdef 0b101 0o777 0777 0888 08.5 8:0 0:0 00:00:00'.split(' '));
  v.push('0b' + '1'.repeat(64), '0b' + '1'.repeat(65), '-0b' + '1'.repeat(63), '-0b1' + '0'.repeat(63), '0x' + 'f'.repeat(16), '0x1' + '0'.repeat(16));
  v.push(...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43Z', '2001-02-29', '2000-02-29', '1900-02-29', '2004-02-29', '2001-1-1', '2001-001-01', '20011-01-01', '2001-12-14T24:00:00Z', '2001-12-14T23:60:00Z', '2001-12-14T23:59:60Z', '2001-12-14T21:59:43+25:00', '2001-12-14T21:59:43+24:60', '2001-12-14T21:59:43+24:00', '2001-12-14T21:59:43+00:61', '2001-12-14T21:59:43.Z', '2001-12-14T21:59:43,5Z', '2001-12-14  21:59:43', '2001-12-14T1:2:3Z', '2001-12-14T21:59:43', '2001-12-14 21:59:43', '2001-12-14 21:59', '2001-13-01', '2001-00-01', '2001-12-00', '2001-12-32', '2001-04-31', '0000-01-01', '2001-12-14T21:59:43.123456789123Z', '2001-12-14T21:59:43-0500', '2001-12-14T21:59:43 Z', '2001-12-14T21:59:43z', '2001-12-14t21:59:43Z', '2001-12-14T21:59:43.5+01:00', '2001-12-', '2001-', '2001', '2001-12-14 ', ' 2001-12-14', '+2001-12-14', '2001-12-14x', '2008-01-01T01:01:01Z']);
  v.push('é', '中文', 'a\u00a0b', '\u00a0', '\u00a0a', 'a\u00a0', '\u2028', 'a\u2028b', 'a\u2029', '\ufeff', 'a\ufeff', '\ufeffa', '\ufeffab c', '😀', 'a😀b', '😀 x', '\u0000', '\u0001', '\u001f', '\u0008', '\u000b', '\u000c', '\u001b', '\r', 'a\rb', '\t', 'a\tb', 'a\u0085b', 'x \u0085 y', 'a\u0085\u0085b', '\u0085', 'a\u00a0\u0085b', 'é #x', '中 #x', 'a #', '#', '# a', 'a#', 'a: ', 'a:\tb', 'a\t#b', '-\t', '?\t', ':\t', '- ', '? ', ': ', '---', '--- a', '---a', '...', '... a', '....', '-- a', 'a\u3000b', '\u3000', 'Ａ', '١٢٣', 'ß', 'ǅ', '\u200b', 'a\u200bb', '\ud7ff', '\ue000', '\ufffd', '\uff5e');
  v.push('a\nb', 'a\nb\n', 'a\n\n', '\n', '\n\n', '\na', ' a\nb', 'a \nb', 'a\n b', 'a\nb ', 'a\n\nb\n\n\n', '\ta\nb', 'a\n\tb', 'a\r\nb', '#a\nb', '- a\nb', 'a: b\nc', '\u2028\n', 'a\u2028\nb', '\ufeffa\nb', '😀\nx', 'a\n\u00a0b', ' \n', '\n ', 'x\n\n\ny', "'a'\nb", '"a"\nb', 'a\\b\nc', 'long line ' + 'w'.repeat(100) + '\nnext', 'a'.repeat(200) + '\n' + 'b '.repeat(60));
  // Folding around column 80 (values are written at several indents).
  for (let n = 60; n <= 95; n++) {
    v.push('x'.repeat(n) + ' ' + 'y'.repeat(10));
    v.push('x'.repeat(n) + '  ' + 'y'.repeat(10));
    v.push('x'.repeat(n) + ' ' + 'y'.repeat(10) + ' z');
    v.push('#' + 'x'.repeat(n) + ' ' + 'y'.repeat(10));
    v.push('\t' + 'x'.repeat(n) + ' ' + 'y'.repeat(10));
    v.push('\t' + 'x'.repeat(n) + '  ' + 'y'.repeat(10));
    v.push('é'.repeat(n) + ' ' + 'y'.repeat(5));
    v.push('😀'.repeat(Math.floor(n / 8)) + 'x'.repeat(n % 8) + ' ' + 'y'.repeat(5) + ' z');
  }
  const words = (k: number): string => Array.from({ length: k }, (_, i) => 'w' + 'o'.repeat(i % 7) + 'rd').join(' ');
  for (let k = 10; k < 40; k += 3) v.push(words(k), 'a: ' + words(k), '\t' + words(k), words(k) + ' ', "it's " + words(k) + " 'q'");
  v.push('a' + ' '.repeat(100) + 'b', 'x'.repeat(85) + ' \t ' + 'y', '\t'.repeat(45) + ' ' + 'abc def', 'x '.repeat(100).trim());
  return v;
}
function keyCorpus(values: string[]): string[] {
  const ks = values.filter((s) => s.length < 40);
  ks.push('k'.repeat(127), 'k'.repeat(128), 'k'.repeat(129), '中'.repeat(42), '中'.repeat(43), ('word ').repeat(26).trim(), ('word ').repeat(30).trim(), 'a\nb', 'k'.repeat(129) + '\n', '😀'.repeat(32), '😀'.repeat(33));
  return [...new Set(ks)];
}

/** Go encoding/json string escaping: " \\ and controls (\\n \\r \\t short), < > & U+2028 U+2029 as \\u; the rest raw. */
function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

type Doc = null | string | number | boolean | Doc[] | Map<string, Doc> | { [k: string]: Doc };

function goJson(v: Doc): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goJson).join(',') + ']';
  const entries = v instanceof Map ? [...v] : Object.entries(v);
  return '{' + entries.map(([k, x]) => goJsonString(k) + ':' + goJson(x)).join(',') + '}';
}

/** Raw characters the YAML reader refuses; kubectl fails on objects holding them. */
const REFUSED = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function object(name: string, spec: Doc): { name: string; json: string } {
  return { name, json: goJson({ apiVersion: 'example.com/v1', kind: 'Foo', metadata: { labels: { x: 'y' }, name }, spec }) };
}

function buildObjects(): Array<{ name: string; json: string }> {
  const values = valueCorpus();
  const keys = keyCorpus(values);
  const okValues = values.filter((s) => !REFUSED.test(s));
  const okKeys = keys.filter((s) => !REFUSED.test(s) && !s.includes('\u0085'));
  const objs: Array<{ name: string; json: string }> = [];
  const chunk = 200;
  for (let i = 0; i < okValues.length; i += chunk) {
    const part = okValues.slice(i, i + chunk);
    const map = new Map(part.map((s, j): [string, Doc] => ['v' + String(i + j).padStart(4, '0'), s]));
    objs.push(object('values' + i, { list: part, map, nested: [[part.slice(0, 20)], { deep: { deeper: part.slice(20, 40) } }] }));
  }
  // Keys with digits go in one-key maps: in a shared map, go-yaml's comparison of digit
  // runs is not always a consistent order and Go's own output then varies from run to run.
  const plainKeys = okKeys.filter((k) => !/\p{Nd}/u.test(k));
  const digitKeys = okKeys.filter((k) => /\p{Nd}/u.test(k));
  for (let i = 0; i < plainKeys.length; i += chunk) {
    const part = plainKeys.slice(i, i + chunk);
    objs.push(object('keys' + i, { keys: new Map(part.map((k): [string, Doc] => [k, 'v'])), inlist: [new Map(part.slice(0, 50).map((k): [string, Doc] => [k, [k]]))] }));
  }
  for (let i = 0; i < digitKeys.length; i += chunk) {
    const part = digitKeys.slice(i, i + chunk);
    objs.push(object('digit-keys' + i, { single: part.map((k) => new Map([[k, [k]]])) }));
  }
  // Errors in Go: refused raw characters; a key with a raw line break (NEL) or longer
  // than 1024 characters up to its ':' (a YAML simple key).
  for (const s of ['a\u007fb', '\u0080', 'x\u009f', '\ufffe', 'a\uffff']) objs.push(object('refused-' + s.codePointAt(s.length > 1 ? 1 : 0)!.toString(16), { v: s }));
  for (const k of ['a\u0085b', '\u0085', 'x \u0085 y']) objs.push(object('nel-key-' + k.length, { keys: { [k]: 1 } }));
  for (const n of [1022, 1023]) for (const ch of ['k', '中', '😀']) objs.push(object(`long-key-${n}-${ch.codePointAt(0)!.toString(16)}`, { keys: { [ch.repeat(n)]: 1 } }));
  objs.push(object('nel-value', { v: 'a\u0085b', w: ['x \u0085 y', 'a\u0085\u0085b'] }));
  return objs;
}

/** Recorded kubectl outputs: gzip+base64 of JSON [name, yaml | null (kubectl failed)][]. */
const RECORDED = [
  'H4sIAAAAAAACA+19S3ccN5bmXwlTD9qiko5HRkYELOtlkZJsWbKthy0pJSoppWRaVFIWKYqUZB1v5syi97Ocqp7ZVC1qX4vp0+dULeY31La6zu',
  'ym5y/MAS4u7odgRNLdzohMyqRVBdwHPlwgcBHAzUzg7t257cH6y+FmOHdybvB87dbwxebaxkgFw53Bs+frw8WHG88+3o76o6dro0cqWN7Y6I+e',
  'DbcGjwZbA9UfBcH6YHW4vmmyQbCjgv7cbn9OU6PBs6EKLHh/tPl8+JAKrG1umUwnmP9gnjMDmxt8wOmqzQQfsE7ASvODD4J5Jw6s5nx/bt7lHB',
  '4ZYzIOkXnz/TnA7M8JaH/OoR5hhSMO8winrDMIRAsQjwTzohCsWuKoTQYW5Sinzj7WCAZc/KiYdtRZdozRjznLjnHqsI6xDth1TNCOObTjLD7u',
  '0I5z6tCOsw6gHRe04w5tfn7e5RyeSx2eKAHg/LwgzjPihzbhXvuQU4fFGtJrHwrOh4zzkU0Y5yNOHQ5rCM5HgvORa+EJtveEa9cJTh3WCdaB5p',
  '0QtBOMtmATtmqBU4fEGmLVguAsOKtOcjUnnVUnOXVYJ1kHrDopaCcdWsfyOmxXh1OH1WFVwOoIVoexFm3CSIucOiTWkBYuCs4i43xsE8b5mFOH',
  'wxqC87HgfMw4/bmQp4GQsUJOHZblhIIVClYoWBFjRYwVceqwLCcSrEiwIsGKGStmrJhTh2U5sWDFghULVsJYCWMlnDosy0kEKxGsRLC6jNVlrC',
  '6nDstyuoLVFayuYKWMlTJWyqnDspxUsFLBSgWrx1g9xupx6rAspydYPcHqCVbGWBljZZw6LMvJBCsTrEywcsbKGSvn1GFZTi5YuWDlglUwVsFY',
  'BacOy3IKwSoEqyCsZ4Pn9lW9HYZhqPgVTHSk3JuYGLGyL2QiE8XvZaK7il/PRKdK3tLE6Sl5WRMnU/LOJk6u3KubGIWSN7jhRKHiFznRkXLvc2',
  'JoQwPUSBS83YnVVfCSJ1aq4F1PLG3xEVDJlHvzEyNXdgFAZKF4HWDoWPcpLweIo3v1CFoSx0oWB8RJFK4RiNdVtBAgKlV2xUBkT9mFA5G6V4+C',
  'FdpILF0oXk0YOjFWHgULkkjJ2oI42spjoKFtPAbNSPTjPyak7sxjUF6bGIBc9+Qx7IdEP3lejBCnULImMZyutvS4aHR1bx4HkK5+9MeF1GP0OJ',
  'Q3YxTkeoweRyu6ZoweByu6ZoweRyu0pXZJQ4xCycrGcFI9RoHU/TkvCKkZoSBPFKx6iGUGKC9+iGUG6DxYkvYULXSIypRdERGpHztIdW9+KGV7',
  '2kQo3YsUr5aINuPyQ6i/lyhZOxGnq2iBRFSq7EqKSP3IQar78SMoa0YlyAvFqyxDZ2ZUfgT1Z2ZUfgT1Z9rGE6Ch+/EE9GKmH/gJIXUPnoDyZl',
  'SCXI/KE/gYMjMqT6AVZlSeACvyUNGCjKhI2ZUbkfpRg1T34QKUNSMS5KniVR3RZjwuQP25GY8LWL+28SRo6OF4EhpR6Ed9UkjdjyelfGFGI8h1',
  'L57EXijMYDwJVhRmLJ4EKwptaQc0MmVXikTqx90RUvdix5WOQjMaO0Jrz+6ADVFoxmMnAI4Zj50AULqKFo5EpcquMInUDxukuh8XoawZjyAvFK',
  '8+DR2Z8bgI9ZsXD69FiRMrWnASlSi7MiVSP2qQ6h78GMqasQjyTPGqlWgzEj/G+s1I/Bjq1+8bt5QlTqTsipZI/ahDIXUPhlDejEaQp4pXu0Sb',
  '0RiCDeZdw2tf4uRKlsDEKZRdCRtSv25oQUyk7sVIyidmNII8UbxKJtqMxQhsMO8aXjMTp6dk6UycTNkVNJH6YcdC6p6MpXzXjEaR6/dMDDZ0zV',
  'iMwQbzpuG1NnG6SpbcxEmVXXkTqR94IqTuyQTKm/EI8kLxqtzQqRmPCdhg3jK8RidOrGSpTpxE2RU7kfqBd4XUPdmF8mZMgjxTvJon2ozJLtpg',
  'xmQXbOiZMZmCDfpNkwqIftHQgp9I3ZMplDdjEuSp4l0A0WZMpmCDedPwnoA4Zkz20IZC2R2CIfXLhjYKROqe7En5zIxJkCeKdw9EmzHZAxvMm4',
  'b3EsQxYzIDG/TbJgMQ/cAzIXVPZlI+N2NS5Po9k4ENuRmTGdhg3jW8ByGOGZM52KDfNzmA6AeeC6l7MofyZkyCvFC8WzF0YcZkDjaYdw3vXYhj',
  'xmQBNuj3TQEg+oEXQuqeLKC8GZMgzxTvcog2Y7JAG8yYtHue0XBza/jIhhw7EnbUfx3Y8Ej4kfOrQAQfYJkAC8EOxwtJWqnb23ihSavLnYIhSo',
  'ZBGW5m/HClaHu1HkHlI16dRzBvt4+PhkPeGQaGGL5QWFvg45VsORLM+8puI+MCnjY7gLqPYt5rOZYIBgh91G/0Ua/Nx9CKY16bj2Heq+sYlim1',
  '65hfm9mYzN07yTHzOGw0ah6HdXFzZff1ym31mTNQEpNm3ryC2JyCmLRyMelPbMLRhU84ddEF1pDowicSXfiEIxWnbMI4pzh1OKwhOKcE5xTjfG',
  'oTxvmUU4fDGoLzqeB86iKYp7m1p1089DSnDus060A/nRa00w7tjOWdYbvOcOqwzrAqYJ0RrDMO6yyLzzrLznLq0M6yDqCdFbSzjHbOJmzXOU4d',
  'EmtIf50TnHOMc94mjHOeU4fDGoJzXnDOM85nNmGczzh1OKwhOJ8JzmeMc8EmjHOBU4fDGoJzQXAuMM6STRhniVOHwxqCsyQ4S4yzbBPGWebU4b',
  'CG4CwLzjLjXLQJ41zk1OGwhuBcFJyLjHPJJoxziVOHwxqCc0lwLjHOZZswzmVOHQ5rCM5lwbnMOJ/bhHE+59ThsIbgfC44nzPOFzZhnC84dTis',
  'IThfCM4XjHPFJoxzhVOHwxqCc0VwrjDOlzZhnC85dTisIThfCs6XEsm9ypHcq4x1lVOHZTlXBeuqYF1lrGs2YZxrnDoc1hCca4JzjXG+sgnjfM',
  'Wpw2ENwflKcL5inK9twjhfc+pwWENwvhacrxnnG5swzjecOhzWEJxvBOebvZHu2ES61bzQkbLvTiLNQhrleh2tVoU2q/0ANXQcESN+McW6VQCc',
  'TOFblni5olcpUYWy71xDmji3SE204ROxgqLcIE8Uv4+JNlZ+AhZQgPuTADB6il7BRGXKvquJ1It9kOpV9CkpG5v9iMh1pOEU1E9x7VNQv4k28F',
  'udOF1Fr26iUmXf8UTqhT5I9V7kUyhr9iIgLxS//w1NUe1PoX6Kan8K9Zuo9mnQ0JGv0/AYTVT7tJC6B09DebMXAbl+xqdxHFBU+zRaYXYjp8EK',
  'E9U+Ixo62nBGGmJi2meE1L14Bkqb/THI9Vg8gzZQTPsM2EAx7TNog7bzLGjoGOJZADER7bNC6r48K+Upog1y3ZNn0QoKaJ8FKyiefRas0PGGc0',
  'Jlyq5hiNQPHKS6H89JWYpni1xHGc7BeKB49jmon+LZ56B+HWs4L1Sq7NqHSP2wQar78DyUNeMR5IXidZGhKZ59HuqnePZ5qF/HGT4TKlF2zUSk',
  'ftAg1b33GZQ1YxHkmeL1FNFmJH6G9ZuR+BnUr2MMF4SKlF1rEakfMUh1712AsmYcgjxVvA4j2ozCC1A/RbIvYP25oqUXUYWyazRDmii2SE1kYU',
  'nKUhQb5Ini9RvRZvwtQf0Uw16C+nVsYVmoTNm1HZH6AYNU996yK5tQBHtZ6Ejxuo9oM/6Wpf6E4tfLAWB0FS31iEqVXRMSqR8wSHXvXYSyZvyB',
  'vFC8XjQ0xa8vQv0Uv74I9et3yiWhEmXXkkTqBwxS3XuXoKwZfyDPFK8ziTbj7xLWb8bfJahfv1MuCxUpuwYlUj9gkOreuwxlzfgDeap4fUq0GX',
  '+XoX6KXV/G+nNFS1KiCmXXroY0cWuRmrfJ51KW4tYgTxSva4k24+9zqJ/i1p9D/fp98oVQmbJrXiL1Awap7r0vpCzFrEWu3yJfQP0Us/4C6qeY',
  '9RdQv36XXBEqVXatTKR+wCDVvXcFyprxB/JC8Tra0BSvvgL1U7z6CtSv3yJfCpUou8YmUj9gkOre+xLKmvEH8kzx+ptoM/6+xPrN+PsS6qdY9V',
  'WJTSb6LXJVQEys+qqQugevQnkzBkGeKl63E23G4FWwgWLVV9GGXNFSnahC2TW9IU2cWqTmDXJNylKcGuSJ4vU+0WYMXoP6KU59DerX75GvhMqU',
  '3QsQqR8ySHUPfiVlKUYtcv0G+Qrqpxj1V1A/xai/gvr1e+RroVJl9xBE6ocMUt17X0NZMwZBXijeXxia4tNfQ/0Un/4a6tfvkW+ESpTdexCpHz',
  'BIde99A2XNGAR5pnhfQrQZg99g/WYMflMXm1YQcVRe6BMlbnPihfosqUpRTFWKziovOvsJZDE6+wnmvYgplvCjs5/48dJPMDp7CrJYzynM/6Jo',
  '9MDD8i045VtwCi34FLJowaeY91qKJfx6PvXr+dSLQ5/G/j7txaFPY96r6zSWKT3B035tp0tx6G6zcehuXRz6uk14p36dU7dTZw3ZqV+Xnfp13v',
  'HfsAnj3ODU4bCG4NwQnBuMc9MmjHOTU4fDGoJzU3BuMs4tmzDOLU4dDmsIzi3BucU439qEcb7l1OGwhuB8KzjfMs53NmGc7zh1OKwhON8JzncS',
  'fbrN0afbjHWbU4dlObcF67Zg3WasOzZhnDucOhzWEJw7gnPHxcHvcmD7rouD3+XUYd1lHYiD3xW0u66FfU7ZLuYM+n35/r/TEtv6ffj2f99Zd4',
  '+ru+esu8epw7vHOmDdPYG7x2j3bcK23efUIbGG2HVfcO4zzopNGGeFU4fDGoKzIjgrrnUP2NwHrnUPOHVYD1gHWvdA0B4wGluzJ3VIg1JmfjAQ',
  'nAHjcMLaXHzV4bCG4KwKziqLH9qEcR5y6nBYQ3AeCs5DxnlkE8Z5xKnDYQ3BeSQ4jxhnaBPGGXLqcFhDcIaCM2ScxzZhnMecOhzWEJzHgvOYcZ',
  '7YhHGecOpwWENwngjOE8b53iaM8z2nDoc1BOd7wfmecdZswjhrnDoc1hCcNcFZY5wfbMI4P3DqcFhDcH4QnB8Y56lNGOcppw6HNQTnqeA83RuH',
  '7uqIwXWhImXfnUTqpTxI9Tr5+qrQZqcB8lTxe5Vos9O4LivNLn3X+noAGLmiVylRhbLvXEOa6LNITazghpSl6DPIE8XvY6LNTuMG1E/R5xtQv4',
  '4Y3BQqU/ZdTaReyoNUr5NvSlmKPotcxwpuQv0Ufb4J9VP0+SbUryMGt4RKlX3HE6mX8iDVvXcLypqdBsgLxe9/Q1P0+RbUT9HnW1C/jhh8K1Si',
  '7NqASP2AQap771soa3YaIM8UrxuINjuNb7F+s9P4FurXEYPvhIqUXVMQqR8wSHXvfQdlzfgDeap4vUG0GX/fQf0Uc/4O6zffyrotu+2ujhncFh',
  'ATc74tpO7B21KeYs4gTxSvU4g2Y/A22EAR59tgg44a3BEqU3YNQ6R+yCDVPXhHylLEWeQ6VnAH6qeI8x2onyLOd6B+HTGwix6idfT+7gAY+kHf',
  'FVL34l0ob8YhyHXc/i7E3bsUd74LVlDc+S5YoeMGtAwiMlG8ZiJaP2yUp8qtoIhhRiNqZMqtp4hhxiMvq4hVKFhdGZaOH9hFFtH6W8D3oDEmBn',
  '1PSN2f96C8GZUg1715D3uDotD3wAyKQt9DK3JFSy+iCmXXaIY0UWiRmvjBfSlLUWiQJ4rXb0SbMXkf6qco9H2oX0cRVoTKlF3bEakfOEh1J664',
  'silFoVeEjhSv+4g2Y3JF6k8pCr0SAIa28QFo6F58MACGftwPhNQ9+ADKmzEJcj0mH8BTSCkW/QCsoFj0A7DCvGGE0lYC2fVJ3YcDKGvGI8izEm',
  '1G4wDrN4NxAPXrNwxQkbJrUCK1cSDV1q0CbcYh0Kni9SnRZhSuQv0Ui17FMrmiJSlRhbJrV0OaWLRIzbvloZSlWDTIE8XrWqLNKHwI9VMs+iHU',
  'r98wj4TKlF3zEqkfMUh17z2SshSLFrl+tzyC+ikW/Qjqp1j0I6hfv2GGQqXKrpWJ1A8YpLr3hlDWjECQF4rX0YamWPQQ6qdY9BDq12+Xx0Ilyq',
  '6xidQPGKS69x5DWTP+QJ4pXn8TbcbfY6zfjL/HUL9+uzwRKlJ2bU6kfsAg1b33BMqa8QfyVPG6nWgz/p5A/RSHfoL154qW6kQVyq7pDWni0CI1',
  'b5TvpSzFoUGeKF7vE23G3/dQP8Whv4f69TtlTahM2b0AkfoBg1T33pqUpTi0yPV7ZA3qpzj0GtRPceg1qF+/S34QKlV2D0GkfsAg1b33A5Q14w',
  '/kheL9haEpDv0D1E9x6B+gfv0meSpUouzeg0j9gEGqe+8plDXjD+SZ4n0J0Wb8PcX6zfh7WhOHvi7xxusYK72OeS9+iSX8WOl1P3p5HWOlNyCL',
  '9dzAvFcPlvDrueHXcwPruQlZrOcm5n9h9BmxfAtu+hbcRAtuQRYtuIV5r6VYwq/nll/PLaznW8hiPd9i3qsHS/j1fOvX820p7txrNu7cq4s7r9',
  'uEd+brnLqdOWvIznxddubrvMN/ZhPGecapw2ENwXkmOM8krjriuOqIsUacOizLGQnWSLBGjLVhE8bZ4NThsIbgbAjOBuM8twnjPOfU4bCG4DwX',
  'nOeM86NNGOdHTh0OawjOj4LzI+O8sAnjvODU4bCG4LwQnBeMs2kTxtnk1OGwhuBsCs4m42zZhHG2OHU4rCE4W4KzxTgvbcI4Lzl1OKwhOC8F5y',
  'XjbNuEcbY5dTisITjbgrPNOK9swjivOHU4rCE4rwTnFePs2IRxdjh1OKwhODuCsyO+scu+sctYu5w6LMvZFaxdwdplrNc2YZzXnDoc1hCc14Lz',
  '2sW933Ag+42Le7/h1GG9YR2Ie78RtDcO7S2L3zq0t5w6tLesA2hvBe2tQ/uJxT85tJ84dWg/sQ6g/SRoP0nvv+Pef8e99o5Th2Y576TX3gnWu4',
  'onCR8k9ed2h5vA94il60KMJHsVuBvAxvw1yW+9eDkU6oZPfXNzSajHg/VNEC6XyHNXroPyBlh0DfNg3sbjxyDwiOVlaMXL9XWw3aduXrki1DvJ',
  'Lo4GUOvi1cFVpM4htTaCmhcv+9RVMGTBV+2USa/oApZdHJ2zL6jdJfup7ZbuW/q1Dv9qhzO7w017LNft4ab9ycvoGgO787Xcb40Cl9sd2tkYA+',
  'M9HcRYFypS9uVOpN5bgFQv3NdXhTZbH5Cnil/8RJutz7osfXsUGF8PACNX9K4nqlB2UWBIExgXqQlcPJOyFBgHeaJ4wUC02fo8g/opMP4M6o/M',
  'T0VHEhjt6QDGCED0/mIkpF68j6Q8BcdFroMXI7CBguMjsIGC4yOwQYcwNoRKlV2EEKn3FyDVPbgBZc32B+SF4gWKoSk4vgH1U3B8A+rXIYznQi',
  'XKLl6I1A8ZpLoHn0NZs/0BeaZ4YUO02f48x/rN9uc51K9DGD8KFSm76CFSP2SQ6t77EcqaMQjyVPGCiGgzBn+E+ik4/iPWnytaAxFVKLtYMqQJ',
  'jIvUBC9eSFkKjIM8UbyQItqMwRdQPwXGX0D9OoSxKVSm7CKLSP2AQap7b1PKUmBc5Dp4sQn1U2B8E+qnwPgm1K9DGFtCpcouzojUDxikuve2oK',
  'wZfyAvFC/cDE0h8S2on0LiW1C/DmG8FCpRdlFHpH7AINW99xLKmvEH8kzxgo9oM/5eYv1m/L2E+nUIY1uoSNnFIJH6AYNU9942lDXjD+Sp4oUi',
  '0Wb8bUP9FATfxvpzRWtDogplF5GGNEFwkZrgxSspS0FwkCeKF5hEm/H3CuqnIPgrqF+HMHaEypRdfBKpHzBIde/tuLIZBcF3hI4UL0yJNuNvR+',
  'rPKAi+EwBGF/ahxEmVXbQSqR/yrpC6B3ehvBmDIC8UL2gNTSHwXbCBQuC7YIN+l7wWKlF2sUukfsgg1T34GsqaMQjyTPFCmGgzBl9j/WYMvob6',
  'zfFVb0TDHF71ZgAM/aDfCKl78Q2UN+MQ5PqDhDcBApiR+AasoED4G7RCW/oWNPTHCW8BxATD3wqp+/GtlKdgOMj1T1PeohUUDn8LVlA4/C1Yod',
  '8pdjVOtP6pz08Ioh/4T0Lq3vxJylNIXOTm6Kqf0AoKiv8EVlBQ/Cewgg4VeQejUr9b3sljNYHxd0Lq3nwH5c2oBHmheKFvaAqMvwMbKDD+Dmyg',
  'Q0XQM/T7xfsgN0vJe3j5T7xU4ZaAeGal43YGxMtKq58szUtfy870G0e2C4Zlv7vtsSIFmwdiGeNlD0FMY/+NEtM0QXYUxDRtgI0FcU0rlstc0w',
  '7YZhDXtGUDm9czjbmGrMw05ho2OTONcVsQ4pnWXPN5pjFuQ0I80xbZlxDTtOVqiWmaIrsUYmblUZeZVsiehZimHbJ1Mcw8VN4OhpimLbIdIaZp',
  'jGxKiJkob1tDTNOchXJ5055OmdtT/l6HuJnytzzEzZXb+RBDT9pL7ls2mX7v8T6IGPpHj6eEjBXviohOlNscEaOr3B6JGKmyWyUijbVgkn7xwR',
  'lwmYncB8jQs6HbRu2J3K9LxHYd47/rmPfiv1jCj/+u+/HfdYwzP4Ms1vMM8149WMKv55lfzzOsByYGCbBazRHmf2H0HsqMfCtGvhUjtGIDsmjB',
  'Bua91mIJv54Nv54NrOc5ZLGe55j36sESfj3P/Xqel6L3ebPR+7z29JJgtDG/5xDe/lyI+QjyOeTdQajhjuPtoPJ30bKoRPYbjOGGk2+4I17Djd',
  'xxr0XClgOCVyNhxo57HqtbXfCoDlAdKN8xIo67gKA/F624dq9EwkSFFeyZFaxwR6iF0pnN/Tk0TQxbEEOiRYgjoUmLQ6Q8YkmOOh5yuiCqfp1D',
  'qVZDkvpivGiPHI5OhmHoyqoYqlGxcmcXR6oHWmkBakWo4lAlIVaqYiAXfDJS8WLqk1JLvJLAQwlDr2QRx0mSxfrXWmk3y9I8zMYJYcx2/qNSbG',
  'De7fayblevPsMiTaNelI6V9nBw5KH/h7Ll0h84TVguZh9zEtojhjuQ1w+900XsKE66aS/Li7AqBzZkNX8wKFMZ+osrqbCHEfpEhHqXR4/XRmtb',
  '9hMFvTSwx21c5U/obJxz4TLL+nPhIg4hL4+SBax02MmwQwerD5E8d/6zR8PHODdE3qS24TU09Kk8xzkvxyGbK+xCjwiV+efV+Sv/ZP6LfjUUTI',
  'uTMYqwwl/3h8/scelvX5/oz8VhGHWiuBN1BUh4W7Ger1Q3WYzCTph6D0e0bvwirQC03AnxldKgk46p5I5XOIw7cQHaoeXwpFg4juh0fR2uReZ6',
  'Qtb/i4ShKY/BdnVp2N7ZK0lUr1aSFqpXJbGtXIhNP9Z3w0Lc1a+VuX1Uwoq+FoUwVL2oVrx4Zwz4yfRO5VN2D7LSNPNevDPGpDHjpm7QIDfxn5',
  'B++KX2cacyncSo3+0kkcxHpngHp73KQc/vhige27SO/q5rrTSoHwuvxzjmnfG2pQthVDEGgMLS7nMv6GL3CZjwLGsB5o6S6TuAmlMf3tCG6H/O',
  '4r/+kdJ//PlP/+e//Vf7ce1ffm+Xr3/5PacDJ7Km/P3nP7gPjf/+8x/0In4VGH90C8h+/+XyEn7OOdjDYUZ/pxfVcPs7vbjf34lDnUtQ6aa+c2',
  'C5h/PdALirlbrBDrJDJHZCz4adyDPUg9tG4jESQyReeJa98CC2PNmWk7nfp+3w1xre2lOu7e5stfTp6OAvv3e8v/4xOLLDD+Mff/4TUHjJ0N7b',
  'hvhSIjjhsT83UGgY2XkE6I7XijMepYCadze6zLuzDOflJMlOpwNZ+UpCp9Nx+cXFRchaHfwMODeHdPHekDhR6XDrPDQRo9BjmXhRGCHLRIvCHF',
  'kmVBQWyOopu4sk0gSI3GaSeCboJXtKYhbKbS0NQwf2ww0hyeoNOPg313F9u98kmox2205idlUgR3PnEZm8igbpGL/dixJNRp/3dMhotzMlZqG8',
  'Daph0uHhHb8KHfJ321XimE5fKKmZFrhlOPG6yu5hiUwVbGWJ1VPejpaY1IgVD54aseMzCzh2PzefKcvx83li+t1rdWIs99qsPwtYgMYlZqzwTp',
  'hYxu5FrxTZ7fbFxDR2Rz6PzkJf8nj6NHT31fRcfy5g98xER8rbOhPTWj70jNcfD9iNNNFdJftp4qRKttXEIdNVjDiZ8jfZxM2V22sTo1Deltsw',
  'UzNoSjtvkkTK34ATl0ZPmZsofztO3K7yduXE1E3izTlx7CjCPToJTLtqt+qkk6txO3bSMQ3vjFeijx/q9++kRA+3dhtPSrEau5snJZoyajb1pE',
  'LzXs3enlRSVbedIXlPyU6fOPpWhxKLBjns+4lNw+UXbP+NOn3isU8UgDTpw4PUmzX0JyE2JkA0fW4AoQFiW/8uFdZHRUGggJj69wejx0JnisMG',
  'ROeKowdE6+noMhSgTz5cxIB45BQei3y7pJcoCDAQq6u8OAMx6a0g4Qbi9tSeqAMJMuUHH4ibKz8GQdxCeaEIwyyoTS4iQUx6xeWe89Ix7y4+QT',
  'watD6PRqkXrSABv/AmEh8gSPO+nEjsgvAyNcEQBkHmapKRDMKkJ1kT0NAqhV5tjZkIClp7lcMbJIrVL4pykHKiflGwg5S7ap+YB6mlanzog7R6',
  'amwEhJQyVQqEEDtXFfEQEum3uRcWMewoVBXRERJBV+LrvNCrwlKshPiJKodMiN9VtZETUkhVbQCFFHqqNo5CCpkaH04hrVztH1UhzULtH1wxmn',
  'oxOjbGQlqRqg+1kEas9om4kFppXJYDL6RUGo9e/IU0UlUXhiF5T42LxpBOpiqDMiTMVSk2Q+xClUI0hp1AJ8LzSqDXkljYbvxx3IbYNGmXwjck',
  '6qpfHsWhEtUd5II5pNRT9TEd0qgel69FIVdjIzykVDca/UCP0e1CVwqTO1I4brhhWf2Fo3IQiCT6i0flWBBJ9D1gfkiI+F7f7Ag/U2MDRKSUKx',
  'snIrJQEC4yLPPFUhs1IkakbPCIyFhxDInoRHEoiWjdII4oEUd/54sDSwEcfl2kPQURJmKZVnhhJeKbxzmoEBSqMuxkhLQk3zf6RLqRqgpCkSxW',
  '1bEokiaqOiRF0q7CyBTxUuUHqIjbU36ciri2R7wac4VRK+LZjsCXembbP0SebecL5HH7XmAtmW3XFvK6yo9vETf1fu1e6JXzjnz1sdArZw56Bf',
  'KlBCiQe19yKcy3YTkMZjjmYAiJhhFPf4MOgmLEjEs3bhZ6KT2PdLd0A2ehF9FyiWeRl49uL2jZjOEzYvOodFE0YtN20e85WjifKTHNw1AlZqxc',
  'hI0YiXKBNmJ0lYu3EUP7GIfdiNNTGH0jXqYgCEcs3fEciyNOoTAkt/dESgnJeV/ZcGSZjkp0XqILpDkAV/oqh2NA6A2/0mGpDU9XIm7w9Q4nhV',
  'ibfM3DSVcjXxh70vNlsyC4tverH+O/geQH3Lwvh7DCQknBi7PJF0VEWFZeKT+TlbK5Oz5nAb431PGedrmhHb+cb7iE0fwvlYh8WObsYSx5DB03',
  'g+8s6f1Kk19aisLaby0tSgS7I4fd/dvPP9vQ/b/9/DNl/t//+mfK/O2f//Y//vY/7Yc1v6P0f/8XSv/+8z9ZhL///E8W4f/+7l8p8+8O6l//xW',
  'b+5b+P+yjhbSVzwXEtI14oZZno9EeAYDnBXsj+nD6+Z+Q+QShZA2paK3BqviVGjys3L5wBglLpPR9cvKiq+EipyZbdCar5A3fAy0Poh7///IeS',
  'muVAg/w1xYiWFZUfZfVHOzXd4z6b68/pXsTio6BcZoe7KCh/iuRuHS41TvfSXHWz3clND33B+sboSbC+NhoGr1r4ozpHw50t91jfkz8zNKnnJ/',
  'nffwySR9DOr/gLdt3fBMAmiyZg/DPv+SMTAoRPvLcm1X1zk8KsAP3rH6fzXwDPsjTr/dqsdB+N+teTGM6THc8THtCTH9FNDOlGxvRMDerGh3UD',
  '43rCA3vSI7uBod3I2G5mcM/Y6G5+fNs9PD/uiQzwSY/wiQ/xJsZ4M4O8oVE+c8O8hYHeyEif+FCf/FhvZLA3NNqbGu4zON4bHfGYbWLUT37YNz',
  'Dumxn4TY38xob+TI79tkZ/M5N+E+O/CQcomxlM0A0a84PmHGFGPaE1X2jKGZrwhkbcoVF/aM4hGvSImXWJ9pyiMa9oxC2a8YtmHaNBz2jSNWbY',
  'N1r0jubcoxn/aMhBGvaQJl2kUR+ZaSdp000a9JOGHKUpT2naVRr1lWadZca9pVV/adJhmvKYxlymcZ9p1mka9pqZd5t2HadRz2nMdZrzneadp2',
  'Hvadp9DoD/tPZxSNOfjDTuRg36UQuO1LQnNe5KB8KXpuBNzb6UmvSnJh2qDY9q3KXw0TboWLaafv9AONg0XKxpH2vSyRr1slbcbI8bNONsbXnb',
  'QXO3qThc4x7XqMs163PtOF1bXtea2x08v5uO5zXvensf+eSraBi+3IJmXLA1H2zPCQ+iF/JpINNwxha8sQ13bNof23LI9jyyRZc8mD45Va9swy',
  '1b8cvGHbM1z6x2TTguWR9UoeBQCmLpo3vd2QeaoS/C4yMqiJMoPqmC6K7iAyuIThWcW0GsnrLHVxCZKXuKBZG54sMsiNYn+fCZFoajT8azR1sQ',
  'HSk+4YLoWPFBF0Qnis+7ILo79jChKNSn3r0dJ+8pdwQFHEKhJfqcIj4Vgzi5wsMxiFcoPCMjgA7Wh9bJYRmVtcfmyB88N4PYcWWrsGCiSidpEL',
  'tb2Ro4VIPU7JFTeLYGCXpqzxEbJMjUnpM2SJCjqUeq2ligRqeqG/TJdNBeJZdePRSdSHknchDT7ygn8sATNfaMDlLqqrqjOkieVj4RORstCukY',
  'aDm8g5j2wK4RPqXE6zM4zCNwx2RFYeJ1mzvXA1vW9boNjvjwlCLf8n5F33a9bpzGwR9y9AcZRMP7vTsBJJj8CSD/EUgYg/qswYmGZjRmqiZ6Jg',
  'iB9iZsaOCuwY1CfU7iZA8KIVh7JN9kzwsh6EI1cWyIwdbHPU4/AESm7DmAcYIRn9JyliqM1URPEyHQRE32UBFC7U7aVHQJc0LnZE8aIdyeauLA',
  'EcLOVCPnjhB4rmbi+BEypmjEL8Y4hj42dWfinqEPWN2ZvGv04okbi77RS9TEjyoh4K5q5MQSAk9VMweXEHpPzcj5JWROppo8xqTSQ3I14fNMCL',
  'ZQkz7WxOBm4eTNRSfRZwpP/KwTQo5VM0eeEHqiGjr5hOC7amYOQCGDUtXoOShVrpL11KQPRCHcTE38XBQCzhsw2POWQjVwWIqBzkPV0JkpBB+p',
  'po5OIfxYzdAJKmRSoho/SKXKbfKumviJKgScqskfrELIvSZMRs/JM9XEaSuEnaumDl0h/EI1dvaKqaAI1UwdwUJGRar5k1iq/KeIVRNnnWjkRD',
  'VwMgtBdxsxGl2oSFUjJ7UQeE81dmALVZCp5s5toRpyNWPHt5BZhWrhFJcKR4rCUDVySoqGjlQTp7oQdtyM2eBLUZioZk55IfTuxMa6/3hLQz4K',
  '08lXVPF9C6qrp2buKBgyLFNtnAhT6WG5aua8FY1dqEZOiDHgUdiQ4ehkUTQhJ6twAnG2KJ6cD4z3tihpoKY6d4u6agZPlyHTUtXKITNVHhf1VE',
  'MHuGjwTDVz6Ayh502Z7jldMSmnG+t1cThBXxjvdnHURFV1fhfHaiYPrCHjEtXOuTVVrhd3JzR+qx63qyRVDR1nQ/C95toAThhnE3PC8V6YT9I1',
  '9nHDopG66vwwCVUwe9/qDUoOmUSqpYNxqjwyiSc1mse5ZJKops7LIfxug60Ap0zSyTnlWK9MehP1lPFumWTNVFbrl7kKZvH79ns8s1BtnbxT5Z',
  'rdcGKDepxvdiPV2IE8VEHcZDvAO7vJBL1zrHt2u5P1mPH+2U0bqq3OQbs9FczmT2LKLtptNHDzSz6ri7r55Ib3WD8tVHMn/pga0rDRloCnptEk',
  'PXWsq6bxhJ1nvK+mSVPV1Tlr2lXBrP6CreyuaapaPTuoyl/T3gRH+TiHTTPV4JFCVEXebFvQZYuJuuxYn+2FqpmTgGqcthc1Vl+d1/ZiFczuL0',
  '/LfttLVLsHElU5bq87ycE+znN7qWrynCKqo9dwa8B3e5lq4tyiGufNVUMHC9V5b9FchXXum4VqRn9AXu3AWaRaPuCoyoOzeKJjfpwLZ4lq9Nwj',
  'qqTbdHvAibNUNXIOUrUXZz3V1DlFNW6cZQ3WWOvHuZrZgyBqPLlQbR+YVOXKeaiaOHeo0s3ySDV7hBLVEjfeIvDmPFHNHKlU7c55VzV24lGNP+',
  'dpk1XWOXTeUzN/2lLZpfNMtX7sUqVP56qRs4uq3a1QDR/EZKopwubbBG5dRKqhg5mq/bqIVXPHJtU4dpE0WmedZxdddQDObCr7dpGq9g9vqnLu',
  'oqeaOf+o2u0y1fRxTlRP3kKr0L8L1dTxTnscfDTc3Bo+UnSmlP4PD3gyPDhbp4NHO2nSneukCXeokybwRCdzENrvJM9nOem8O8jJoMspTpp0Rz',
  'hp4t+9qvjwJkPwyU2akANn8IijAFDf7quw4GmAQM5tAhIZcGKTRe8Ej4ZDPkMrMMTwhSqVCcYbVD7LaUw7S8W8k5zGtM07ysmdkjcoV7r3ECfH',
  'fTHOwCM1HQ0qnWB/HTzCyR005J4EHNNUKgaSUgeNO7+p4kQ8ObxpzCNwpzcRAB7dxJCjoA7HO7bJHdxU1oJzm0yD5u6dvDu3PVh/OdyM4jCcOz',
  'k3eL52a/hic21jpILhzuDZ8/Xh4sONZx9vR/3R07XRIxUsb2z0R8+GW4NHg62BGZDrg9Xh+qYdmzv6jWLfjKPBs6EKBL8/2nw+fEhl1ja3VGMH',
  'K7Z5iONBPcVxuuc4tnKQYzsnOTZ/lGN7Zzm2eM5qu056cL10Wn7a2s1R7TprC97aoru26q/tOuxB9tgZ8Nl2XrCteW0bbtum37bruC177sF23V',
  'lw3ra8tzX3bcV/W3Xglj24bRc+6D48E17cmhu358ftOHK7nty2K7fuywffmWfDndvz5xYduiWPbtmlW/fp9p36ffDqGfHrFh27Tc9uy7Xb9u32',
  'nXsK3v1+uPesOHibHt6qi7fm4607+RS8fBpu/r74+cx4equu3q6vt+fs7Xv7NNx9Kv7+/jj8LHw23fbH1NPx+xYdfwqePxXXn47vv0/OP1vu3+',
  '5rv/UJoM0ZYBpTwHTmgClNAu/XLDBj80DbE0HrM0GrU8FU5oIpTQbTmg3et+lg1iaE1meE9qeEdueE6UwK05oVpjYtvH/zwszNDO1PDVOYG1qe',
  'HKY0O0xtepje/PA+ThCzN0VMYY6YxiTR9iwxrWlievPEFCeK93OmmMG5YhqTxVRmi9ani6nNF1OcMKY5Y7yvU8YsThrVs8arF4+CVxvm/+z/c+',
  'JSyZicV8B6x0D9WiAc77/WJtu0+V+JE1ib1rbmN4NfjfXj/EQ6vFSAnimXmtjTGFvLBB/V+NZM6jmOq2SiD3l8RW2MgIpS7QyKilJtjZOqNrcy',
  'dCpKtTaaquqe0gCrLTWVUVdZaopDsbrUtMZnZTXTHLTVBs3SSK4pMFsDvKbArI37ur6cKXeoKTBzXlJn5wFwntIOIrClDoRP1dh+QFytrucPgg',
  'dWm35gHLPO/IPrr2NKHWRXHlPqYHv5uOd1gCeAMaUO+NwwrmXv5bTRVHhxplv53k4qTQVmZ7mR7/GUM42Q9tRbWVPgtzEz1RX4rcxYtU//NzGT',
  '1RX4zcxwtR3wW575/D1eMP3PmWa6V37rM2XtaPlNz6A1nXI4s9Z2DM+4g6CFv1V22ka/87QV+F+1mol/xrbB6sPg0fCx+2bhJP+zd7hMFVIXeD',
  'bgq4+29cUxqsGLW6rvkYvDqNlKay6Si8NYHYhrY0pXycVhoqZwf0zFXXJx2FUNXcBSdclbHKaq8RtlqKJeG+2S6+TiMFON3TBTeWFkHOaqydtf',
  '6ly9aLjWOl+PQnVALp8pe3vU1o3te473qfL4KFZNXeJS6YlRopq/l4Zq6rbSMnD6KFXN3VNT7fVRTzV6hUyN20dZ09XW+n2uDswVNns8v1DTus',
  'umyvXjUDV2EUylR8aRauF2G6oqbqdt4P1xohq87aba/eOuavYemhr/j9PG662bAOKeOkAX4ZSngDhTU7sRp3IOyFVzl8lUe2ah2rgjx9SVhC21',
  'DqaBJFJN3plTPQ8ksWr4MpuaiSBJmq+4biZIuupAXadTnguSVE3vXp2qySDpqQYvpKn20Ey1ctMOVZa31T6cDwrV6M071RNCN1RN34hTMyN0ox',
  'ZqrpsSurE6YJfylCeFbqKmeDtP1azQ7aomL7Wp9NRuqtq5r4dq67XWQpgYuplq9v6empkhV41fq1M3NRRtVF03N6ShOnBX+5RnhzRS07zjp2p6',
  'SGPV6MU4lR6bJqqlW3+oum57bYQZIk1Vw7cAVU8RaU81fzdPzRyRZq3UXTtJ5OoAXhC0Z5oo1FRvCqqaJ3qhavZynUrP7UWqrbuDqL64xVbCVN',
  'FLVNN3CVXPFb2uauGCn5rJope2U3ndbNHrqQN5zVB5vuhlarr3DVVOGLlq+IKeag8uVGs3EJkKs7DNdsKckUWq8RuJqieNLFZt3BJUM2tkSUu1',
  '100bWVcd0MuKyhNHNoUQ5i/6WkPWU01f8lPtzJlq7x4jqjFvtaU4fxSq+XuNqieQPFStXDVUM4PkUVvV100heawO7JVH5UkkT9QM3H1UNYvkXd',
  'X4RUGVTp2nqsXbkKjKXrtthYkkz1QLtyPVzCS5aue+orqppGit/rq5pAjVAb44qTybFJGahRuUqqaTIlbNXzZU6dxFotq8U4nq7LbcWphRilS1',
  'ccdS9ZRS9FRLlx7VzClF1p4BtZNKrg709Ut7ppVCzcQ9TBXzShKGqoULi6qcPAkj1erNTFRp3HZ7ZWpJwkS1clNT5dyShF3V1s1J1ZNLEqYtWl',
  'AzuyRhTx3wS5xK80sSZmo2bnOqnGBy1calR9XOXqh273cytUZh6y2GOSaKVDv3PVVPMlGsWrt+qWaWiZI2TaibZqKuOvBXQZUnmihVM3InVNVM',
  'E/VUKxcnVTt9plq+JYqqzdtvM042hWrp1qjq2SYOVXt3ONVMN3HUqg11800cq/fgQqnyjBMnalZulqqacuKuaufypUrnj1PV9l1TVG9vCq2GWS',
  'fOVFt3T9VMO7lq8SKounmnaNeIuoknCdV7cS1VeepJIjUz91NVzT36d1sTOadIY+nAxITuqyJAjjVM5NoqgtRx2YncXkVwPTXRS6wINJvUQW/8',
  '3KuO2KSqcjXBc+XqqoOmFWqSB7bVtk8euP4d0nyztcF40L89muARY/U1wnDpxk0/v5qrr6j2pI0RVHcHFpnQbWVQ1V6GRUakzY+zuluxyIBeO0',
  'Ov/nosMiObwlgYcy6fNimf0hCtvzCL7CqmNW7H3JxlLEvDqQzm+iu0yKpoaiN83F1aZFs8K+Or9sTHgO/WIoOTWXKK8UZDN3dnymX26WtwqHR2',
  'HGqszehuvdlyt33sRmfMDsa4rqtPNyE/OO65txw8iuIAOWxFfeLCvfCguPDecvI8etFBcuqKloCb9+KD6h/7ltOtSw7yDLDfRV/UxO6Bnhz2vf',
  'OLGpke3Hljv+u/qIG9gz2l7H8TGDUzew99sS6U28vf08mnNtbcK97Xuag+GJ6F7+XUVButz6L3dqYa83FCFr//flwZ+gv2ft6RJb+NeW2f/oDB',
  '0f2NTHv7jRCYFdPfwqw4vjtw0uz9VibN/boE59TsNz+HjPtQMMsPp9n9PrXMisOZd/+PVfPwcDIe/7lvHh3Oz7/kg2l9YEF7V5xRleZ7pw1/n8',
  '7ddUZV8npudq48K116RmbqL51O8oqyYPK3ngX/2aKj4ebW8JGiG946fAddQwOg6nudQeN1Vn6NU1d7ML6j6X1Lk3ur7S9j7vk6prkQsI1h0lht',
  '7dRS1Sb+Yre5+PRIGzXON+trU3Hwg+/h0/bxirPBWvHzlh29JU+fgqtPxden4+zvg7fPkL/Xvdg7waPhkG/EDQwxfKEadJq254K2JoNpzAbTmQ',
  '6mNB+8HxPCLE0J7S72p+D6rfn+VJx/St4/Lfd/X/x/pmaA1qeA9ueA9iaB6cwCddPA3L2Td+eeDnc3w7mTc4Pna7eGLzbXNkYqGO4Mnj1fHy4+',
  '3Hj28XbUHz1dGz1SwfLGRn/0bLg1eDTYGpgF4Ppgdbi+adeCOzpya31tNHg2VIGB7o82nw8fGp210fra5pYNLM5/MG8Lmjxl5z8IBsgOBk7g8R',
  '27Pwfs/pywPRxDOpEvcYIjwD7imB7OEYE54vGZfdTxjlpGMBBWMLBM4FnW/DGAO8aVHPNqPya1H/P4jn0cuMcd0wM5LiDHPb5jz88De35e2AOP',
  'z/qD4APHHgQfOGawimz+VGEQ9OeAz1OJznkFNGkrHgT4ZDQlgmDVFwWrzqqjgHbUMb1KjopVx4B9zDE97WOifRzYxx3T0z7utKF7PmDLPwjQ7g',
  '/447DBBwDxAQNgj3GHzQ/6cx6GJp3+KhZgmCPCPMIgRzyMIw7iCCAcYQDo0aMMcNQDOOoAjgLAUQaATj7GAMc8gGMO4BgAHGMA6PfjDHDcAzju',
  'AI4DwHEDoKcjxdPJvAq2cc4RCgk9vQAR+DKkjmDe0zsCxFHJBQPJS1bPA5L3cI4hcRzzntpxJLQvAxH4MqA+lBwY9qFkP5IcKHwElp8A7BNeTS',
  'eAWJAc4CwAzkkoedLDOYlEB/Oo1hGsRclBZYuS/VhyoPAxWKOgGoXVKFH6RHKA8olkT0kOFE5J9lPJgcKnYMdpsOO01yunkTiDeVQ7A1hnQems',
  'h3UWiHOSA5vOSfa85EDhvGQ/kxwofCZZ/e6AfLAKVH/OI0BGbwSk9GtAlI9i3sM8hnlPchzzngSR5z3Jh5j3JB9h3pOcwLwnWcC8JzmJeU/Swb',
  'wnWcS8J/kY836vKq9Xld+rn2DeQzyFeU/yKeY9yWnMe5IzmPckZzHvSc5h3pOcx7wn+QzzKPkAOuEDfPwfgBKMTvsqBhHoHQG1I6h1BJSOgtJR',
  'VDoKSsdA6RgqHQOl46B0HJWOgxI+5fl51JoHrQ9B60NU+hCUPgKlj1DpI1A6AUonUOkEKC2A0gIqLYDSSVA6iUonQakDSh1U6oDSIigtotIiKH',
  '0MSh+j0sfoNp7XKFRTgPUJKH2CSp+A0ilQOoVKp0DpU1D6FJU+BaXToHQalU6D0hlQOoNKZ0DpLCidRaWzoHQOlM6h0jlQOg9K51HpPCh9Bkqf',
  'odJnpOT2rHHY4K41Dmv3rRfcsvICZS7AFu8Cb/EuAM+ylhxnyTKg4BIXXAKeZS07zrJlQMFlLrgMPMu66DgXLQMKXuSCF4FnWZcc55JlQMFLXP',
  'AS8CzrsuNctgwoeJkLXgaeZX3uOJ9bhuh8PuB5+gJssC44prfvuiC7tCVgLzmmp70k2svAXnZMT3tZtC8C+6JjetoXRfsSsC85pqd9SbQvA/uy',
  'Y3ral502dMkF9psL3pbogtsSXQCICwwAvbTEAEsewJIDWAKAJQaAjltmgGUPYNkBLAPAMgNAX15kgIsewEUHcBEALjIAdO8lBrjkAVxyAJcA4B',
  'IDQI9fZoDLHsBlB3AZAC7v2VfehZfBXe9VexeIfh+ysDTu9yV/QXKgcUGyS5IDhSXJLksOFJYle1FyoHBRspckBwqXJHtZcqBwWbKfSw4UPpfs',
  'F5IDhS8ke0VyoHBFsl9KDhS+hF6duwrLtaugdFWy1yQHCtck+5XkQOEryX4tOVD4WrLfSA4UvpHsdcmBwnXJ3pAcKNyQ7E3JgcJNyd6SHCjcku',
  'y3kgOFbyX7neRA4Tvs7tvQ3bdB6bZk70gOFO7g1vAu5v2tYd8jPNkFzHuSJcx7kmXMe5KLmPcklzDvSS5j3pN8jnlP8gXmPckVzHuSLzHvSa5i',
  '3pNcw7wn+QrznuRrzHuSbzDvSa5j3pPcwLwnuYl5T3IL857kW8x7ku8w70luY96T3ME8Su7CovQuLkrv4pawj1vCvrcl7IPeBVC7gFoXQGkJlJ',
  'ZQaQmUlkFpGZWWQekiKF1EpYugdAmULqHSJVC6DEqXUekyKH0OSp+j0ueg9AUofYFKX4DSFVC6gkpXQOlLUPoSlb4EpaugdBWVroLSNVC6hkrX',
  'QOkrUPoKlb4Cpa9B6WtU+hqUvgGlb1DpG1C6DkrXUek6KN0ApRuodAOUboLSTVS6CUq3QOkWKt0CpW9B6VtU+haUvgOl71DpO1C6DUq3Uek2KN',
  '0BpTuodKe0H+w2uR/s1u8H5+/BOvEefzZ1z/vQ7Z586HbP4zP7vuPdtwzYN93nfdN94FnWiuOsWAYUXOGCK8DjDxwfgB0P2LoHntkPxOwHHt99',
  '9gefM9l58x7sUu45prd5uSdbnfvAvu+YnvZ90V4B9opjetorov0A2A8c09N+INrQFGnMwNMeiDayhemznQC65B4P5Xve7uKe213cA4h7DAC9dJ',
  '8B7nsA9x3AfQC4zwDQcSsMsOIBrDiAFQBYYQDoywcM8MADeOAAHgDAAwaA7uUBOBh4AAMHMACAAQMAz30wvOoBrDqAVVRmgIfCe8gs0Hto9YTF',
  'DBgaqzw0VoFnWYJv4R+KzsNBeZ94D3aG97x94j0g7ksOVsn3JbsiOVBYgc96HgD0A6+iBwMMVcrK5x7mvfXRfcx7khXMe5IHmPckWOfAk3h5j3',
  'qIeU/yCPOeZIh5T/IY857kCeY9yfeY9yRrmPckP2DekzzFvCdZx7wneYZ5TzLCvCfZwLwneY55T/Ij5j3JC8x7kk3Me5ItzHuSl5hHyT149d/D',
  'V/89ULoPSvdR6T4orYDSCiqtgNIDUHqASg9ACTxr4H02OAAl/HRgFZVWQekhKD1EpYeg9AiUHqHSI1AagtIQlYag9BiUHqPSY1B6AkpPUOkJKH',
  '0PSt+j0vegtAZKa6i0Bko/gNIPqPQDKD0Fpaeo9BSU1kFpHZXWQekZKD1DpWegNAKlESqNQGkDlDZQaQOUnoPSc1R6Dko/gtKPqPQjKL0ApReo',
  '9AKUNkFpE5U2QWkLlLZQaQuUXoLSS1R6KUqQg4l8VbIyvB+CwkPJytB+BAqPJCvDeggKQ8nKkH4MCo8lK8P5CSg8kawM5e9B4XvJyjBeA4U1yc',
  'oQ/gEUfpCsDN+noPBUsjJ010FhXbIybJ+BwjMMuI0g4DYCpZFkZchugMKGZGW4PgeF55KVofojKPwoWRmmL0DhhWRliG6CwqZkZXhugcKWZGVo',
  'vgSFl5LdltzA3x/2mtwf9sbsD9/AIvUN76feeButN7LReuPxHfstcN86Juq+lS9kvoFtyBvH9HYnb2Tbsg1s9yLe9rS3RfsVsF85pqf9SrR3gL',
  '3jmJ72jmjvAnvXMT3tXdF+DezXjulpv3ba0CVveG57420f3rjtwxuAeMMAb4X3llmg95b1oDfdJLrtVbTtKtoGgG0GgA5+xQCvPIBXDuAVALxi',
  'AOjzHQbY8QB2HMAOAOwwADyGXQbY9QB2HcAuAOwyADyZ1wzw2gN47QBeA8BrPnoEtlzbvOWSfrHd8gq0Xjkt4A3YY5lju2MHCu5wwR3gDXhe3Y',
  'Wv3jqvD4JdANhlgF3gWZb0g+2G11DwNRd8DbzyPrE/BzO7/u1HWKJ3wqjEWS3RW0CfIc6g3x+tcmNA+DZe6I/quHv4GmoUVMJ0WD3gRnombZdM',
  'fLzHxBd7YDV3WG58tIzfw4KlikYJ+v3RHpj5wNMypgaepe4AHCgz2vAKuTJHasuglvuq/F61/tzC4uWry167FhbXRtgjC5dHj0Hc8R/pfCeotq',
  '1T36BOB16e852O91XajvdlWk3jB9dzncXLnnWa49s7v7i4OO9RHuCiJ+7P7Wn/ngoWr567WmIMSgzfgsXRuRFKR4ORp65KXYhf2joF39WFfH/u',
  'TKkQfmFKv+Ml7zX3DRJvMe+pvUXiJ8x7aj95z+Id2PMOHuk7yf7l95AV9t9//icYNPN///kP89V+//ef/1AS/NvPP7v8//3dv7r8vwNfO+fL5a',
  'Xl5ZLDEq+/04v2eDyI+iOdxpVTAKppnf5OHOpcAoD/71/+u+T/9V+88vIbt7IB8Ou30U5l3U4j2PHatXzuyvUlnzNY38TJ6vLo8dpobWsXv5Jw',
  'zStx9eaVK/glBfjMqj93dcPXfbm+7jGulTr6mu8d1x77/nTN94Yb39z0rb/x4qU/095euu7Tw038hH+4eQaEg35/64j/EtKs1VKHD8xj3qp8DS',
  '3Ay+OXSM0MV6XaKb2F9pmondZffv+L1CqUfoEOtX216s1pRC9q3s4krJEElYX0VgDyXtjtLeY9yU+Y9yTvMO9JtpW/dxDqFeY9yQ7mPcku5j3J',
  'a8yDpD83UHtGGTwyxQ8i4PC8AL2BeMcbjHe8gZrfgtJbVHoLSj+B0k+o9BMovQOld6j0DpRg3h785fcg+PvP/7Ra3UQ3VVcNunkttsL5Sukfy+',
  'zBv/3886rvxXvn9AFMi9j5g21o5Ta2chsa8wqUXqHSK1DaAaUdVNoBpV1Q2kWlXVB6DUqvUek1tvNxafJeg+XX6BrEVnCNMfKn6FF5it4ozcEb',
  'OAdvfXNzCWRb/vy7DW926bBXyJXsTuXY2JHpMeCdtRQBpB2MKu2CEbugtLsk30vY9Qp474X53SHGIXeHm/LLCnkSrwH4tWT/+jvJ/lEg//rH4M',
  'iOYP7v/yKif/z5T57sH3/+0//5b/9VFgL/65/9eFDeZDwor48H4XPR/jO3x2k7oFHScVrNnQMgv/KHrW/TZ4yVThZo5ZSDdhs6G22ehebPXE/M',
  'WKfMcv/8VrKz8fh/K51dsw0/zLbR7epwkE+n46fY6Tuz9Z7bmb0X3c6sddFM9tHMddJs9tLsddOM9tMMdtSs9tQsdtXM9tVMdtas9NYsdM7M9M',
  'VMdMbs9MZsdMcM9ceMdMgs9cisdMlM9cnMdMps9crsdMtU+2Vq3TDdVk+v2VNu9xQbPu2WT7PpU2/7VBs//dZPt/kz0P4pd0D7PdBug6fQvpYb',
  'OI0Wtt3EqbSx9UZOp5XtN3NK7ZxCQ6fV0mk0taW2ttO6dtvTUoPabFFbTWq1Ta01qq5V/k8M+nu/r+5/LxRVnNLT6f65jpuyHTPRGTPTG095fD',
  '2dDUPUDHTJ0z2/2Jmhznkrfj0z/fRq48WjCf4ft/A/WVD30uSNCX5V+dnpo4PSb/WY//jzn6b4z03c0zWDh9V0rXCGqKl3iDUFzkfY/8c02y3+',
  'Xqb5ymag3tkyYWat+e38UqL2Z/SH2Xa+v789U98nnwVzZs6e2TNoBi2aRZNm0qZZMGombJgNI2bEilkxY2bsmB1DpmbJ9CqeYs3TrHqqdU+38i',
  'nX3m71LdfWdnWt19d+hVOocRpVtlBne7W0VU1r9VRVtO/nwNuz8VnvjNjxFDpuZj7D257djxe3Z/UTve2D9DHa9kx8TiV9NjOfEfERa4/Wnqxt',
  'dfRHNQ0dswYVwFFrm2ujJ+tDe9Raf84/ycfGTDtBKEduhwNiDUI5hzxkFpxNHq5aZgCKgdUM4VzvMLCI84PQO/M8pDPPTTHvlPowWGV7I8/eiO',
  '2NBD5ieyNBiJgFqJGzFxQDqxmBvZHYG3n2RmJv5Nkbib2xZ2/M9sYCH7O9sSDEzALU2NkLioHVjMHeWOyNPXtjsTf27I3F3sSzN2F7E4FP2N5E',
  'EBJmAWri7AXFwGomYG8i9iaevYnYm3j2JmJv17O3y/Z2Bb7L9nYFocssQO06e0ExsJpdsLcr9nY9e7tib9eztyv2pp69KdubCnzK9qaCkDILUF',
  'NnLygGVjMFe1OxN/XsTcXe1LM3FXt7nr09trcn8D22tycIPWYBas/ZC4qB1eyBvT2xt+fZ2xN7e569PbE38+zN2N5M4DO2NxOEjFmAmjl7QTGw',
  'mhnYm4m9mWdvJvZmnr2Z2Jt79uZsby7wOdubC0LOLEDNnb2gGFjNHOzNxd7cszcXe3PP3lzsLTx7C7a3EPiC7S0EoWAWoBbOXlAMrGYB9hZib+',
  'HZW4i9hWdvIfaWjqoL3RuuPxf675IwApH/WMIcRH4PhK4LQrlGg353Y8Q7pUp2sJbvzPUMIDUMhoueAGD0xLI3hLnhgDb8YW9o1s+hQO5KXItK',
  'RQzDlpG+DKUjV0stWY1EP4YCsStxvlTiPLZ9daGMt+CJO2VxB8SdsjUdMKejdZ3MUFxuoVxuAcr156IVf7QYmoQrgrgSiX5JHaH2YK3g2FspNW',
  '8FG79Tlu6guNRx2G2lTpMuW4AeWZD+iBZ9GxcFatGHWsRuWhyWlmGG4cRlqSdcKgmXZA03lCXXkFkLwFuQGhbKVfi9MNzTEUPpi8Wh9IU2nGpa',
  'jBdlnWIoKzgZhrKgNZQzQ/mrO0ODUCVlsXILqkj1AFX1ADQtSsXSAmCLUMWhSkqDS7jSCSoOS51gODKMygoLvkKk4sW03ILF1FfYI5cGxivQoZ',
  'oCNwvDcuXCdK+aOE6SLA6TXp52syzNQ3/KqpTXF873KQxzfGe/0p3/aPFiv+L4iPNut5d1u2GWZGGRplEvKj2GSoUxxXv7Fe/h5JOH/l9pKtor',
  'lqLLpb9S0b1i964rgYb46ivLeG5IwgJmhyS0a4eOL+mASM8UnW6pScxyKnHSTXtZXoRVOb/oPqquZ7KaP7+D6rXcrJyWXivEsBPbiuwEFldSKT',
  'OM9pQaRvg6ivbgRgjcnwsXS8NgEaea0jzjiRbLQiy5UJqA0KRhJys/pgzH2mD1YWl4GY4onDv/2aPh45IOM2FZE+5Z2HhLwY09j2nDeyRh1WPE',
  'pWReXkzmuJzMS3MsMdz2QPk9ZGhXtiQMPWGozL/S8peZ0k2PS3+lDtsrdqGNMIw6UdyJ/D04sveqbsX6faa6yWIUdsK0bOB4xb1wN34p3I1fBB',
  'eAVg2Qr2KjL5XSoCPuWKsxpkl39mvKHa/+MO7EhV+hYUENoeWUcB3bTqwFc2R2dSxA61ajdX00try0IhMmNkH/Lyq1wfBESVNlJcsrP4wbcZeG',
  '+52K5yDCvcUSvTirK8bCqmJpoXq1xUi4t5h9mguxHpWVZT2NMSNmIe7qleQ+w4a19gEKfxFQWOEEohCGqheNbZLRqAVYvDOu8OKdMU04me7rP0',
  'alYhJwLlo3BYBChQVmnV9bOUtr2zyuxWNmrP2mq9q5qm6KQvVkj1salue6FZ67xycrxjcPaKaTeI9KEmNF3U5Srkiz5L1n6u2U3+rA3vMBTBw2',
  '/hFMHI75EKbyNcXLyCje/01Q1q4dXJ0wHT/HGIXa4sFYfwzqJ7fX48q9HrNMuLPf8uDO+GVBuhBGv2RV4PT8JuwxG8S+DI3YUxvDzoOTQSQTuV',
  'YR+gkUkWsDO8KRAA8swUoPZKfiOeyA6Tn5yA3dGfrfnu6vUKDif/vnv/2Pv/1Pp0yk9bQXw8cvN4ePOtnjuZP64i/k5eFeXlGh9/jx42ElF3RH',
  'w3XtbJ1kLyvay0qFtb4xekJqYRx3eqvNzAblWmBC8H6x9/Tw7/Dv8O83+sffE4ns5OnPGt1h/KiN2UnXUzc/Tf2rNIf/Dv8d/jv8d/jv8N/hv8',
  'N/h/8O/x3+a/E77NV7k+hxr6lAakVFdbuTwzNWDrOH2cPsYfYwe5g9zB5mD7OH2cPsYfYwe5g9zB5mD7OH2cPsYfYwe5g9zB5mD7OH2cPsYfYw',
  'e5g9zB5mD7OH2cPsYfYwe5g9zB5mD7OH2Vm/4q/qG8mJ+SV31W+8E/s7ymqZ/R4z/l58e7D+ctjMV5sdPHyheVsFAzrD9JU9JGIn2KUMX30woG',
  'RVt/ve/wdBP0mefd8CAA==',
].join('');

function runKubectl(dir: string, json: string): string | null {
  const file = join(dir, 'obj.json');
  writeFileSync(file, json);
  try {
    return execFileSync('kubectl', ['label', '--local', '--overwrite', '-f', file, 'x=y', '-o', 'yaml'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return null;
  }
}

function kubectlOnPath(): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, 'kubectl')));
}

function check(name: string, json: string, want: string | null): void {
  if (want === null) {
    assert.throws(() => jsonToYaml(json), YamlConversionError, `${name}: kubectl failed, jsonToYaml must too`);
  } else {
    assert.equal(jsonToYaml(json), want, name);
  }
}

test('kubectl (recorded): jsonToYaml equals kubectl -o yaml on a corpus of hard strings, keys and errors', (t) => {
  const recorded = new Map(JSON.parse(gunzipSync(Buffer.from(RECORDED, 'base64')).toString('utf8')) as Array<[string, string | null]>);
  const objs = buildObjects();
  assert.equal(recorded.size, objs.length, 'recording matches the corpus');
  let errors = 0;
  for (const { name, json } of objs) {
    assert.ok(recorded.has(name), name);
    const want = recorded.get(name)!;
    if (want === null) errors++;
    check(name, json, want);
  }
  t.diagnostic(`${objs.length} objects (${errors} that Go refuses), ${valueCorpus().length} values, ${keyCorpus(valueCorpus()).length} keys`);
});

test('kubectl (live, when on PATH): same comparison against the binary itself', (t) => {
  if (!kubectlOnPath()) {
    t.diagnostic('kubectl not on PATH: live comparison not run (the recorded one above still ran)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ef-yaml-kubectl-'));
  try {
    const out: Array<[string, string | null]> = [];
    for (const { name, json } of buildObjects()) {
      const want = runKubectl(dir, json);
      out.push([name, want]);
      if (!process.env.YAML_KUBECTL_RECORD) check(name, json, want);
    }
    if (process.env.YAML_KUBECTL_RECORD) {
      process.stdout.write('RECORDED=' + gzipSync(JSON.stringify(out), { level: 9 }).toString('base64') + '\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
