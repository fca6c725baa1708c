// YAML input for `encode`, read as kubectl and auger read it (sigs.k8s.io/yaml → go-yaml
// v2 into interface{}): plain scalars resolve by YAML 1.1 rules, so `defaultMode: 0644` is
// octal 420, `yes`/`on` are true, timestamps stay strings, and integers beyond 2^53 stay
// exact (bigint) for int64 fields such as runAsUser. js-yaml parses the structure; every
// implicit type below defers to go-yaml's resolver (src/k8s/yaml/resolve.ts).
import yaml from 'js-yaml';
import { CorruptDataError } from '../errors.js';
import { stringifyJson } from '../io/json.js';
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
  assertJsonable(v, '');
  return stringifyJson(v);
}

function assertJsonable(v: unknown, path: string): void {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new CorruptDataError('k8s', `YAML value ${v} at ${path || '.'} has no JSON form`);
  if (Array.isArray(v)) v.forEach((x, i) => assertJsonable(x, `${path}[${i}]`));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertJsonable(x, `${path}.${k}`);
}
