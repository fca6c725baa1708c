// Helpers for comparing with the real etcd-dump-db outputs recorded in ../shared/fixtures:
// reading ref/index.json, parsing `key=%q, value=%q` lines back into bytes (Go unquote),
// and an in-memory BoltDb built from such lines (used to test the operations independently
// of the bolt reader).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoltDb, BoltEntry, Bucket, EntriesOptions } from '../../src/bolt/types.js';
import { MemoryByteSource } from '../../src/io/byte-source.js';

export interface RefCommand {
  name: string;
  argv: string[];
  input: string;
  exit_code: number;
  stdout: string | null;
  stderr: string | null;
}

export function readIndex(fixtureDir: string): RefCommand[] {
  return JSON.parse(readFileSync(join(fixtureDir, 'ref', 'index.json'), 'utf8')) as RefCommand[];
}

export function dumpDbCommands(fixtureDir: string): RefCommand[] {
  return readIndex(fixtureDir).filter((c) => c.argv[0] === 'etcd-dump-db');
}

/** Parses one Go double-quoted string starting at b[i] (the opening quote). Returns [bytes, next index]. */
export function goUnquoteAt(b: Uint8Array, i: number): [Uint8Array, number] {
  if (b[i] !== 0x22) throw new Error(`expected '"' at ${i}`);
  const out: number[] = [];
  i++;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c, '"': 0x22, "'": 0x27 };
  for (;;) {
    const c = b[i];
    if (c === undefined) throw new Error('unterminated string');
    if (c === 0x22) return [Uint8Array.from(out), i + 1];
    if (c !== 0x5c) {
      out.push(c);
      i++;
      continue;
    }
    const e = String.fromCharCode(b[i + 1]!);
    if (e in simple) {
      out.push(simple[e]!);
      i += 2;
    } else if (e === 'x') {
      out.push(parseInt(String.fromCharCode(b[i + 2]!, b[i + 3]!), 16));
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const hex = String.fromCharCode(...b.subarray(i + 2, i + 2 + n));
      out.push(...Buffer.from(String.fromCodePoint(parseInt(hex, 16)), 'utf8'));
      i += 2 + n;
    } else if (e >= '0' && e <= '7') {
      out.push(parseInt(String.fromCharCode(b[i + 1]!, b[i + 2]!, b[i + 3]!), 8));
      i += 4;
    } else {
      throw new Error(`bad escape \\${e}`);
    }
  }
}

export interface RawEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** Parses etcd-dump-db's default `key=%q, value=%q` lines. */
export function parseDefaultLines(out: Uint8Array): RawEntry[] {
  const entries: RawEntry[] = [];
  let i = 0;
  const expect = (s: string) => {
    const got = Buffer.from(out.subarray(i, i + s.length)).toString('latin1');
    if (got !== s) throw new Error(`expected ${JSON.stringify(s)} at ${i}, got ${JSON.stringify(got)}`);
    i += s.length;
  };
  while (i < out.length) {
    expect('key=');
    const [key, j] = goUnquoteAt(out, i);
    i = j;
    expect(', value=');
    const [value, k] = goUnquoteAt(out, i);
    i = k;
    expect('\n');
    entries.push({ key, value });
  }
  return entries;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** A BoltDb over in-memory top-level buckets (each a list of plain key/values). */
export function memoryBoltDb(path: string, buckets: Map<string, RawEntry[]>): BoltDb {
  const makeBucket = (name: Uint8Array, entries: BoltEntry[]): Bucket => ({
    path: [name],
    root: 0n,
    sequence: 0n,
    inline: false,
    async *entries(opts: EntriesOptions = {}) {
      const list = opts.reverse ? [...entries].reverse() : entries;
      for (const e of list) yield e;
    },
    async get(key: Uint8Array) {
      return entries.find((e) => compare(e.key, key) === 0)?.value;
    },
    async bucket() {
      return undefined;
    },
  });
  const tops = [...buckets.keys()].map((n) => Buffer.from(n)).sort(compare);
  const children = new Map<string, Bucket>();
  for (const name of tops) {
    const entries = [...buckets.get(name.toString('utf8'))!]
      .sort((a, b) => compare(a.key, b.key))
      .map((e, index): BoltEntry => ({ key: e.key, value: e.value, isBucket: false, pgid: 0n, index }));
    children.set(name.toString('latin1'), makeBucket(name, entries));
  }
  const rootEntries: BoltEntry[] = tops.map((key, index) => ({ key, value: null, isBucket: true, pgid: 0n, index }));
  const root: Bucket = {
    ...makeBucket(new Uint8Array(0), rootEntries),
    path: [],
    async bucket(name) {
      return children.get(Buffer.from(typeof name === 'string' ? Buffer.from(name) : name).toString('latin1'));
    },
  };
  return {
    path,
    source: new MemoryByteSource(new Uint8Array(0), path),
    pageSize: 4096,
    meta: {} as BoltDb['meta'],
    root,
    bucket: async (...p) => (p.length === 1 ? root.bucket(p[0]!) : undefined),
    close: async () => undefined,
  };
}
