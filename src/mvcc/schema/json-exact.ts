// JSON parsing that keeps 64-bit integers exact. etcd stores member IDs and raft voter IDs
// as bare uint64 numbers in JSON (members bucket, meta/confState); JSON.parse would round
// 13290071743434268557 to a float. Integers outside the safe range come back as bigint;
// objects are null-prototype so a key "__proto__" is data.
import { CorruptDataError } from '../../errors.js';
import { JsonSyntaxError, parseJson, toPlainJson, type PlainJson } from '../../io/json-value.js';

export type JsonValue = PlainJson;

/** etcd's own JSON values are shallow; anything deeper is damage. */
const MAX_DEPTH = 64;

export function parseJsonExact(text: string, what = 'JSON'): JsonValue {
  try {
    return toPlainJson(parseJson(text), MAX_DEPTH);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new CorruptDataError('mvcc', `${what}: ${e.message}`);
    throw e;
  }
}
