// `-o json` shapes for the bolt commands. Keys/values: base64 plus hex (exact bytes) and a
// text form when printable; 64-bit numbers stay bigint (exact digits via stringifyJson).
import type { BoltDatabase, LeafItem, PageDetail } from '../../../bolt/index.js';
import { isPrintableUtf8 } from '../../../io/go-quote.js';

export function keyJson(key: Uint8Array): { key: Uint8Array; key_hex: string; key_text?: string } {
  const b = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  return { key, key_hex: b.toString('hex'), ...(isPrintableUtf8(key) ? { key_text: b.toString('utf8') } : {}) };
}

export function boltInfo(db: BoltDatabase): Record<string, unknown> {
  const meta = (m: typeof db.metas.meta0) =>
    m && { page: m.index, offset: m.offset, valid: !m.invalid, problem: m.invalid, ...m.meta, computedChecksum: m.computedChecksum };
  return {
    path: db.path,
    fileSize: db.source.size,
    pageSize: db.pageSize,
    activeMeta: db.metas.active.index,
    hwm: db.hwm,
    noFreelistSync: db.noFreelistSync,
    snapshotTrailer: db.hasSnapshotTrailer,
    truncated: db.truncated,
    metas: [meta(db.metas.meta0), meta(db.metas.meta1)],
  };
}

export function leafItemJson(it: LeafItem): Record<string, unknown> {
  return { index: it.index, ...keyJson(it.key), isBucket: it.isBucket, bucket: it.bucket, value: it.value, value_hex: Buffer.from(it.value).toString('hex') };
}

export function pageDetailJson(d: PageDetail): Record<string, unknown> {
  return {
    ...d,
    leaf: d.leaf?.map(leafItemJson),
    branch: d.branch?.map((b) => ({ index: b.index, ...keyJson(b.key), pgid: b.pgid })),
  };
}
