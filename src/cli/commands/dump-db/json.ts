// JSON records of the dump-db commands (our own output, not etcd-dump-db's): bytes as
// base64 + UTF-8 text, exact 64-bit integers, secrets hidden unless --show-secrets.
import type { BoltEntry } from '../../../bolt/types.js';
import { bytesJson, decodeSchemaEntry, schemaEntryToJson, SECRET_HIDDEN, BUCKETS } from '../../../mvcc/schema/index.js';
import { ForensicsError } from '../../../errors.js';

export interface EntryJsonOptions {
  decode: boolean;
  showSecrets: boolean;
  file: string;
}

/** One iterate-bucket record; `error` is set when --decode could not parse the entry. */
export function entryToJson(bucket: string, e: BoltEntry, opts: EntryJsonOptions): { record: Record<string, unknown>; error?: ForensicsError } {
  const record: Record<string, unknown> = { ...bytesJson('key', e.key) };
  // authUsers values embed the bcrypt hash: keep them out unless asked.
  const hideValue = bucket === BUCKETS.authUsers && !opts.showSecrets && e.value !== null;
  if (e.value === null) record['value'] = null;
  else if (hideValue) record['value'] = SECRET_HIDDEN;
  else Object.assign(record, bytesJson('value', e.value));
  record['isBucket'] = e.isBucket;
  if (!opts.decode || e.value === null) return { record };
  try {
    const decoded = decodeSchemaEntry(bucket, e.key, e.value, { file: opts.file });
    if (decoded) record['decoded'] = schemaEntryToJson(decoded, { showSecrets: opts.showSecrets });
    return { record };
  } catch (err) {
    if (!(err instanceof ForensicsError)) throw err;
    record['decodeError'] = err.message;
    return { record, error: err };
  }
}
