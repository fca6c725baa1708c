// --export-dir: one file per live object, DIR/<etcd key path>.<ext>. Kubernetes values as
// YAML (.yaml), JSON values as stored (.json), anything else as the stored bytes (.bin).
// Key paths are untrusted: every segment is percent-escaped ('..', '.', '/', NUL, control and
// non-ASCII bytes, '%'), so no key can name a file outside DIR; files are created new.
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import { decodeValue, valueToYaml } from '../mvcc/keyspace/value-codec.js';
import type { SalvagedRevision } from './salvage.js';

const SAFE = /[A-Za-z0-9._~:@+=,-]/;
const MAX_SEGMENT = 200;

/** The relative path segments a key is exported under (without the extension). */
export function exportSegments(key: Uint8Array): string[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= key.length; i++) {
    if (i === key.length || key[i] === 0x2f) {
      if (i > start) parts.push(key.subarray(start, i));
      start = i + 1;
    }
  }
  if (parts.length === 0) parts.push(new Uint8Array(0));
  return parts.map((p) => {
    let s = '';
    for (const b of p) {
      const c = String.fromCharCode(b);
      s += b < 0x80 && SAFE.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    if (s === '' ) s = '%';
    if (s === '.' || s === '..') s = s.replace(/\./g, '%2E');
    if (s.length > MAX_SEGMENT) s = `${s.slice(0, MAX_SEGMENT - 17)}~${createHash('sha256').update(p).digest('hex').slice(0, 16)}`;
    return s;
  });
}

export interface ExportResult {
  files: number;
  yaml: number;
  json: number;
  bin: number;
}

/** Writes each live key's value under `dir` (created; must be empty or absent). */
export function exportObjects(keys: readonly SalvagedRevision[], dir: string): ExportResult {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir}: export directory is not empty`);
  mkdirSync(dir, { recursive: true });
  const root = resolve(dir);
  const res: ExportResult = { files: 0, yaml: 0, json: 0, bin: 0 };
  for (const e of keys) {
    const segs = exportSegments(e.kv.key);
    const d = decodeValue(e.kv.value);
    let ext: 'yaml' | 'json' | 'bin' = 'bin';
    let body: Uint8Array | string = e.kv.value;
    if (d.encoding === 'k8s') {
      const y = valueToYaml(d);
      if (y !== undefined) {
        ext = 'yaml';
        body = y;
      }
    } else if (d.encoding === 'json') ext = 'json';
    const dirOf = resolve(root, ...segs.slice(0, -1));
    if (dirOf !== root && !dirOf.startsWith(root + sep)) throw new UsageError(`key ${JSON.stringify(Buffer.from(e.kv.key).toString('latin1'))} escapes the export directory`);
    mkdirSync(dirOf, { recursive: true });
    // keys that escape to the same name ("/a" and "/a/") get ~2, ~3, ...
    for (let n = 1; ; n++) {
      const file = join(dirOf, `${segs[segs.length - 1]}${n > 1 ? `~${n}` : ''}.${ext}`);
      try {
        writeFileSync(file, body, { flag: 'wx' });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
      }
    }
    res.files++;
    res[ext]++;
  }
  return res;
}
