// marshalYaml's text for the usual Kubernetes object, written straight from the value tree
// without the event-driven emitter: block mappings and indentless sequences under keys,
// "{}"/"[]" for empty ones, and scalars that need no folding, no escapes and no quoting
// other than a plain pair of double quotes. These are the emitter's results for that
// subset (see emitter.ts: increaseIndent, writeIndent, writeIndicator, emitScalar). Other
// value strings are written by the emitter's own scalar writers at the same column
// (YamlEmitter.blockValueScalar, simpleKeyScalar); for the rest (a key that is no simple
// key, deep nesting) it answers undefined and the caller runs the emitter on the whole
// document. test/k8s/yaml-fast.test.ts holds it to marshalYaml's bytes.

import { analyzeScalar, STYLE_DOUBLE_QUOTED, STYLE_PLAIN, YamlEmitter } from './emitter.js';
import { sortedKeys, stringStyle } from './encode.js';
import { YamlNumber, type YamlMapping, type YamlValue } from './json-value.js';

const BEST_WIDTH = 80;
const MAX_SIMPLE_KEY_BYTES = 128;
const NUMBER = /^-?[0-9][0-9.eE+-]*$/;
/** Deeper trees go to the emitter (which never recurses). */
const MAX_DEPTH = 64;

/** Thrown inside this module when the emitter must decide; never escapes. */
const NOT_SIMPLE = new Error('fast-marshal: not the simple subset');

// Per string (keys repeat in every object): how it is written, or NOT_SIMPLE_TEXT.
const NOT_SIMPLE_TEXT = '\u0000';
const scalarTexts = new Map<string, string>();
const SCALAR_TEXTS_MAX = 8192;

/**
 * The text of string s written as a block scalar or simple key with nothing to fold: s
 * itself (plain), `"s"` (double-quoted without escapes), or NOT_SIMPLE_TEXT.
 */
function scalarText(s: string): string {
  let t = scalarTexts.get(s);
  if (t !== undefined) return t;
  t = NOT_SIMPLE_TEXT;
  // printable ASCII only: one column and one UTF-8 byte per character
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      ascii = false;
      break;
    }
  }
  if (ascii && s.length <= MAX_SIMPLE_KEY_BYTES) {
    const style = stringStyle(s);
    const a = analyzeScalar(s);
    if (style === STYLE_PLAIN && a.blockPlainAllowed && !a.multiline && s.length > 0) t = s;
    else if (style === STYLE_DOUBLE_QUOTED && !a.multiline && s.indexOf('"') < 0 && s.indexOf('\\') < 0) t = `"${s}"`;
  }
  if (scalarTexts.size < SCALAR_TEXTS_MAX) scalarTexts.set(s, t);
  return t;
}

let out = '';
/** The last write ended with a line break (a literal block): the next line needs none. */
let atLineStart = false;

/** Where a new line begins: a break unless the writer is at one, then the indentation. */
function newLine(indent: number): void {
  out += atLineStart ? spaces(indent) : '\n' + spaces(indent);
  atLineStart = false;
}

/** marshalYaml(root) when root is in the simple subset; undefined: use marshalYaml. */
export function marshalYamlFast(root: YamlValue): string | undefined {
  if (!(root instanceof Map) || root.size === 0) return undefined;
  out = '';
  atLineStart = false;
  try {
    writeMapping(root, 0, false, 0);
    return atLineStart ? out : out + '\n';
  } catch (e) {
    if (e === NOT_SIMPLE) return undefined;
    throw e;
  } finally {
    out = '';
  }
}

/** Columns of s as the emitter counts them: one per code point. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Spaces for indentation, by width. */
const SPACES: string[] = [];
function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

/**
 * A non-empty mapping whose keys start at column `indent`; `inline`: the first key goes
 * where the writer is (after "- "), else each key starts a new line.
 */
function writeMapping(map: YamlMapping, indent: number, inline: boolean, depth: number): void {
  if (depth > MAX_DEPTH) throw NOT_SIMPLE;
  const keys = map.size === 1 ? [map.keys().next().value as string] : sortedKeys(map);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    // a simple key: plain or in plain double quotes (ASCII: one column per character), else
    // as the emitter's scalar writers put it (a key that is not simple: the emitter's "? ")
    let kt = scalarText(k);
    let width = kt.length;
    if (kt === NOT_SIMPLE_TEXT || k.length === 0) {
      const text = YamlEmitter.simpleKeyScalar(k, stringStyle(k), indent);
      if (text === undefined) throw NOT_SIMPLE;
      kt = text;
      width = codePoints(text);
    }
    if (i > 0 || !inline) {
      if (out.length) newLine(indent);
      else out += spaces(indent);
    }
    out += kt + ':';
    writeValue(map.get(k)!, indent, indent + width + 2, true, depth);
  }
}

/** A non-empty sequence whose "- " items start at column `indent` (first one inline when `inline`). */
function writeSequence(items: YamlValue[], indent: number, inline: boolean, depth: number): void {
  if (depth > MAX_DEPTH) throw NOT_SIMPLE;
  for (let i = 0; i < items.length; i++) {
    if (i > 0 || !inline) newLine(indent);
    out += '-';
    writeValue(items[i]!, indent, indent + 2, false, depth);
  }
}

/**
 * The value after "key:" (underKey) or "-": `column` is where a scalar would start (after
 * the space), `indent` the indentation of that key or dash.
 */
function writeValue(v: YamlValue, indent: number, column: number, underKey: boolean, depth: number): void {
  if (v === null) out += ' null';
  else if (typeof v === 'boolean') out += v ? ' true' : ' false';
  else if (v instanceof YamlNumber) {
    // JSON number literals: digits, sign, point, exponent (no indicator, no space: plain)
    if (!NUMBER.test(v.text)) throw NOT_SIMPLE;
    out += ' ' + v.text;
  }
  else if (typeof v === 'string') {
    const t = scalarText(v);
    // a space past column 80 would fold the line
    if (t !== NOT_SIMPLE_TEXT && (column + t.length <= BEST_WIDTH || v.indexOf(' ') < 0)) out += ' ' + t;
    else {
      // the emitter's scalar writers (quoting, escapes, folding, literal blocks) for this one value
      const text = YamlEmitter.blockValueScalar(v, stringStyle(v), column - 1, indent);
      out += text;
      // a literal block that ends with its line break leaves the writer at a line start:
      // the emitter's next writeIndent then adds no break (whitespace and indention set)
      atLineStart = text.charCodeAt(text.length - 1) === 0x0a;
    }
  } else if (Array.isArray(v)) {
    if (v.length === 0) out += ' []';
    // under a key: indentless, items at the key's column; under "-": one level in, first inline
    else if (underKey) writeSequence(v, indent, false, depth + 1);
    else {
      out += ' ';
      writeSequence(v, indent + 2, true, depth + 1);
    }
  } else if (v.size === 0) out += ' {}';
  else if (underKey) writeMapping(v, indent + 2, false, depth + 1);
  else {
    out += ' ';
    writeMapping(v, indent + 2, true, depth + 1);
  }
}
