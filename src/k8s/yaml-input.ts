// YAML input for `encode`, read as kubectl and auger read it (sigs.k8s.io/yaml → go-yaml
// v2 into interface{}): plain scalars resolve by YAML 1.1 rules, so `defaultMode: 0644` is
// octal 420, `yes`/`on` are true, timestamps stay strings, and integers beyond 2^53 stay
// exact (bigint) for int64 fields such as runAsUser. js-yaml parses the structure; every
// implicit type below defers to go-yaml's resolver (src/k8s/yaml/resolve.ts).
import yaml from 'js-yaml';
import { CorruptDataError } from '../errors.js';
import { stringifyJson } from '../io/json.js';
import { MAX_JSON_DEPTH } from '../io/json-value.js';
import { quoteForError } from '../io/terminal.js';
import { resolvePlainScalar, type PlainScalar } from './yaml/resolve.js';

// js-yaml exports its built-in types at runtime; @types/js-yaml does not declare them
const builtin = (yaml as unknown as { types: Record<'merge', yaml.Type> }).types;

/** One implicit js-yaml type per resolved kind; the last resolution is reused by construct. */
function goType(tag: string, kind: PlainScalar['kind']): yaml.Type {
  let last: { data: string; r: PlainScalar } | undefined;
  const resolve = (data: string): PlainScalar => {
    if (last?.data !== data) last = { data, r: resolvePlainScalar(data) };
    return last.r;
  };
  return new yaml.Type(tag, {
    kind: 'scalar',
    resolve: (data: string | null) => resolve(data ?? '').kind === kind,
    construct: (data: string | null) => {
      const r = resolve(data ?? '');
      if (r.kind === 'null') return null;
      if (r.kind === 'bool' || r.kind === 'float') return r.value;
      if (r.kind === 'int') return r.value >= -9007199254740991n && r.value <= 9007199254740991n ? Number(r.value) : r.value;
      return data;
    },
  });
}

const GO_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    goType('tag:yaml.org,2002:null', 'null'),
    goType('tag:yaml.org,2002:bool', 'bool'),
    goType('tag:yaml.org,2002:int', 'int'),
    goType('tag:yaml.org,2002:float', 'float'),
    builtin.merge,
  ],
});

/** YAML text → JSON text with exact integers; a one-line CorruptDataError when it does not parse or has no JSON form. */
export function yamlToJsonText(text: string): string {
  let v: unknown;
  try {
    v = yaml.load(text, { schema: GO_YAML_SCHEMA });
  } catch (e) {
    throw new CorruptDataError('k8s', `input is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  expandedSize(v, '', new Map(), new Set(), 0);
  return stringifyJson(v);
}

/**
 * Budget of the JSON an alias-laden document expands to, in characters of scalars plus one
 * per node: js-yaml shares one object per anchor, but the JSON (and every walk after it)
 * repeats it at each alias — 9 levels of 9 aliases is 387 million nodes from 542 bytes.
 */
export const MAX_YAML_EXPANSION = 64 * 1024 * 1024;

/**
 * Checks the document once per distinct node (memoised, so shared alias nodes cost once):
 * every number has a JSON form, no alias cycle, nesting within the JSON budget, and the
 * expanded size within MAX_YAML_EXPANSION. Returns the expanded size of `v`.
 */
function expandedSize(v: unknown, path: string, memo: Map<object, number>, open: Set<object>, depth: number): number {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new CorruptDataError('k8s', `YAML value ${v} at ${quoteForError(path || '.')} has no JSON form`);
  if (typeof v === 'string') return v.length + 1;
  if (v === null || typeof v !== 'object') return 1;
  const known = memo.get(v);
  if (known !== undefined) return known;
  if (open.has(v)) throw new CorruptDataError('k8s', `YAML alias at ${quoteForError(path || '.')} refers to its own ancestor (a cycle has no JSON form)`);
  if (depth >= MAX_JSON_DEPTH) throw new CorruptDataError('k8s', `YAML nesting deeper than ${MAX_JSON_DEPTH} at ${quoteForError(path || '.')}`);
  open.add(v);
  let size = 1;
  const add = (n: number): void => {
    size += n;
    if (size > MAX_YAML_EXPANSION) throw new CorruptDataError('k8s', `YAML aliases expand to more than ${MAX_YAML_EXPANSION} characters of JSON (at ${quoteForError(path || '.')})`);
  };
  if (Array.isArray(v)) v.forEach((x, i) => add(expandedSize(x, `${path}[${i}]`, memo, open, depth + 1)));
  else for (const [k, x] of Object.entries(v)) add(k.length + expandedSize(x, `${path}.${k}`, memo, open, depth + 1));
  open.delete(v);
  memo.set(v, size);
  return size;
}
