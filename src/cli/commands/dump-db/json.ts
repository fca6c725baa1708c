// JSON records of iterate-bucket (our own output, not etcd-dump-db's): bytes as base64 +
// UTF-8 text when plain, exact 64-bit integers, secrets hidden unless --show-secrets.
// Records are written as text directly: this runs once per entry of million-entry buckets.
import type { BoltEntry } from '../../../bolt/types.js';
import { BUCKETS, decodeSchemaEntry, plainText, schemaEntryToJson, SECRET_HIDDEN } from '../../../mvcc/schema/index.js';
import { ForensicsError } from '../../../errors.js';
import { stringifyJson } from '../../../io/json.js';

export interface EntryJsonOptions {
  decode: boolean;
  showSecrets: boolean;
  file: string;
}

/** `"name":"<base64>"` plus `,"nameText":"..."` when the bytes are plain text. */
function bytesFields(name: string, b: Uint8Array): string {
  let s = `"${name}":"${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')}"`;
  const t = plainText(b);
  if (t !== undefined) s += `,"${name}Text":${JSON.stringify(t)}`;
  return s;
}

/** One iterate-bucket record as JSON text; `error` is set when --decode could not parse the entry. */
export function entryJsonText(bucket: string, e: BoltEntry, opts: EntryJsonOptions): { text: string; error?: ForensicsError } {
  let s = '{' + bytesFields('key', e.key);
  // authUsers values embed the bcrypt hash: keep them out unless asked.
  if (e.value === null) s += ',"value":null';
  else if (bucket === BUCKETS.authUsers && !opts.showSecrets) s += `,"value":${JSON.stringify(SECRET_HIDDEN)}`;
  else s += ',' + bytesFields('value', e.value);
  s += `,"isBucket":${e.isBucket}`;
  if (!opts.decode || e.value === null) return { text: s + '}' };
  try {
    const decoded = decodeSchemaEntry(bucket, e.key, e.value, { file: opts.file });
    if (decoded) s += ',"decoded":' + stringifyJson(schemaEntryToJson(decoded, { showSecrets: opts.showSecrets }));
    return { text: s + '}' };
  } catch (err) {
    if (!(err instanceof ForensicsError)) throw err;
    return { text: s + `,"decodeError":${JSON.stringify(err.message)}}`, error: err };
  }
}
