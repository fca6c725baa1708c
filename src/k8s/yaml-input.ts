// YAML input for `encode`: parsed with js-yaml's core schema (YAML 1.2: null, bool, int,
// float), except that integers beyond 2^53 become bigint, so int64 fields such as
// runAsUser: -3031446704001093654 reach the encoder exactly (Go parses them as int64).
import yaml from 'js-yaml';
import { CorruptDataError } from '../errors.js';
import { stringifyJson } from '../io/json.js';

// js-yaml exports its built-in types at runtime; @types/js-yaml does not declare them
const types = (yaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float', yaml.Type> }).types;
const baseInt = types.int;

const exactInt = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: baseInt.resolve,
  construct(data: string): number | bigint {
    const n = baseInt.construct!(data) as number;
    if (Number.isSafeInteger(n)) return n;
    // what resolve accepted: optional sign, 0x/0o/0b or decimal digits, `_` separators
    let s = data.replace(/_/g, '');
    const negative = s[0] === '-';
    if (s[0] === '-' || s[0] === '+') s = s.slice(1);
    const b = BigInt(s);
    return negative ? -b : b;
  },
  predicate: (x: object) => typeof x === 'bigint' || baseInt.predicate!(x),
});

const EXACT_CORE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [types.null, types.bool, exactInt, types.float] });

/** YAML text → JSON text with exact integers; a one-line CorruptDataError when it does not parse. */
export function yamlToJsonText(text: string): string {
  try {
    return stringifyJson(yaml.load(text, { schema: EXACT_CORE_SCHEMA }));
  } catch (e) {
    throw new CorruptDataError('k8s', `input is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}
