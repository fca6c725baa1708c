// Fuzz targets: one library entry point each, fed mutated bytes. A target returns when the
// input was handled (decoded, or refused with a ForensicsError); anything else it throws is
// a finding. Structure-aware mutators keep checksums valid so mutations reach the decoders.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readWalAll } from '../../src/wal/read-all.js';
import { join } from 'node:path';
import { openBolt } from '../../src/bolt/db.js';
import { checkBolt } from '../../src/bolt/check.js';
import { MemoryByteSource } from '../../src/io/byte-source.js';
import { parseJson } from '../../src/io/json-value.js';
import { decodeStorageValue, encodeStorageValue, toJson, toYaml } from '../../src/k8s/index.js';
import { yamlToJsonText } from '../../src/k8s/yaml-input.js';
import { crc32c } from '../../src/io/crc32c.js';

export interface Target {
  /** Seed inputs (real files from the fixtures). */
  seeds(root: string): Uint8Array[];
  /** Optional repair after mutation (recompute checksums). */
  fix?(b: Uint8Array): Uint8Array;
  run(b: Uint8Array): Promise<void>;
}

const read = (p: string): Uint8Array | undefined => {
  try {
    return new Uint8Array(readFileSync(p));
  } catch {
    return undefined;
  }
};
const present = (xs: (Uint8Array | undefined)[]): Uint8Array[] => xs.filter((x): x is Uint8Array => x !== undefined);

/** WAL frames: recompute the rolling CRC of every record so flips inside data reach the decoders. */
function fixWalCrcs(b: Uint8Array): Uint8Array {
  const out = Uint8Array.from(b);
  const dv = new DataView(out.buffer);
  let off = 0;
  let crc = 0;
  while (off + 8 <= out.length) {
    const lenField = dv.getBigUint64(off, true);
    const len = Number(lenField & 0x00ffffffffffffffn);
    if (len === 0 || off + 8 + len > out.length) break;
    const rec = out.subarray(off + 8, off + 8 + len);
    // walpb.Record: 08 type, 10 crc (varint), 1a len data
    if (rec[0] === 0x08 && rec[2] === 0x10) {
      let p = 3;
      while (p < rec.length && rec[p]! & 0x80) p++;
      p++;
      if (rec[p] === 0x1a) {
        let l = 0;
        let s = 0;
        let q = p + 1;
        while (q < rec.length) {
          const c = rec[q++]!;
          l |= (c & 0x7f) << s;
          s += 7;
          if (!(c & 0x80)) break;
        }
        if (rec[1] !== 4 && q + l <= rec.length) crc = crc32c(rec.subarray(q, q + l), crc);
      }
    }
    off += 8 + len;
  }
  return out;
}

export const TARGETS: Record<string, Target> = {
  bolt: {
    seeds: (root) => present(['bolt-basic-4k/db', 'bolt-empty-4k/db', 'etcd-small/snapshot.db'].map((f) => read(join(root, f)))),
    async run(b) {
      const db = await openBolt(new MemoryByteSource(b, 'fuzz.db'));
      try {
        await checkBolt(db);
      } finally {
        await db.close();
      }
    },
  },
  wal: {
    seeds: (root) => present([read(join(root, 'etcd-small/data/member/wal/0000000000000000-0000000000000000.wal'))].map((x) => x?.subarray(0, 64 * 1024))),
    fix: fixWalCrcs,
    async run(b) {
      const dir = mkdtempSync(join(tmpdir(), 'fuzz-wal-'));
      try {
        writeFileSync(join(dir, '0000000000000000-0000000000000000.wal'), b);
        const r = await readWalAll(dir, { startIndex: 0n } as never);
        void r;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  'k8s-value': {
    seeds: (root) => present(['etcd-k8s/oracle/key-map.json'].map((f) => read(join(root, f)))).concat(present([read(join(root, '..', 'k8s-api/testdata/HEAD/core.v1.Pod.pb')), read(join(root, '..', 'k8s-api/testdata/HEAD/core.v1.Pod.json'))])),
    async run(b) {
      const d = decodeStorageValue(b);
      if (d.encoding === 'protobuf' || d.encoding === 'json') {
        toJson(d);
        toYaml(d);
      }
    },
  },
  json: {
    seeds: (root) => present([read(join(root, '..', 'k8s-api/testdata/HEAD/apps.v1.Deployment.json'))]),
    async run(b) {
      const text = Buffer.from(b).toString('utf8');
      parseJson(text);
      encodeStorageValue(text);
    },
  },
  yaml: {
    seeds: (root) => present([read(join(root, '..', 'k8s-api/testdata/HEAD/apps.v1.Deployment.yaml'))]),
    async run(b) {
      encodeStorageValue(yamlToJsonText(Buffer.from(b).toString('utf8')));
    },
  },
};
