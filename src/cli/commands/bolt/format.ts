// bbolt's byte formats (cmd/bbolt utils/main.go formatBytes) and its text renderers.
import { createHash } from 'node:crypto';
import { goQuote, isPrintableUtf8 } from '../../../io/go-quote.js';
import type { AggregateStats, PageDetail, PageSummary } from '../../../bolt/index.js';
import { hex64 } from '../../../bolt/meta.js';

export const BYTE_FORMATS = ['bytes', 'auto', 'ascii-encoded', 'hex', 'redacted'] as const;
export type ByteFormat = (typeof BYTE_FORMATS)[number];

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Formats bytes as bbolt does; `bytes` returns the raw bytes. */
export function formatBytes(b: Uint8Array, fmt: ByteFormat): Uint8Array | string {
  switch (fmt) {
    case 'bytes':
      return b;
    case 'ascii-encoded':
      return goQuote(b);
    case 'hex':
      return hex(b);
    case 'redacted':
      return `<redacted len:${b.length} sha256:${createHash('sha256').update(b).digest('hex')}>`;
    case 'auto':
      return isPrintableUtf8(b) ? b : hex(b);
  }
}

/** bbolt 1.3.6 page command: %q when printable UTF-8, else %x. */
function quoteOrHex(b: Uint8Array): string {
  return isPrintableUtf8(b) ? goQuote(b) : hex(b);
}

/** `bbolt pages` row: "%-8d %-10s %-6s %-6s". */
export function pagesHeader(): string {
  return 'ID       TYPE       ITEMS  OVRFLW\n======== ========== ====== ======\n';
}

export function pagesRow(p: PageSummary): string {
  const count = p.type === 'free' ? '' : String(p.count);
  const overflow = p.type !== 'free' && p.overflow ? String(p.overflow) : '';
  return `${String(p.id).padEnd(8)} ${p.type.padEnd(10)} ${count.padEnd(6)} ${overflow.padEnd(6)}\n`;
}

/** `bbolt page` text for one page (without the separator). */
export function renderPage(d: PageDetail): string {
  let s = `Page ID:    ${d.headerId}\nPage Type:  ${d.type}\nTotal Size: ${d.totalSize} bytes\n`;
  if (d.meta) {
    const m = d.meta;
    s += `Version:    ${m.version}\nPage Size:  ${m.pageSize} bytes\nFlags:      ${m.flags.toString(16).padStart(8, '0')}\n`;
    s += `Root:       <pgid=${m.root.root}>\nFreelist:   <pgid=${m.freelist}>\nHWM:        <pgid=${m.pgid}>\n`;
    s += `Txn ID:     ${m.txid}\nChecksum:   ${hex64(m.checksum)}\n\n`;
  } else if (d.leaf) {
    s += `Item Count: ${d.count}\n\n`;
    for (const it of d.leaf) {
      const v = it.bucket ? `<pgid=${it.bucket.root},seq=${it.bucket.sequence}>` : quoteOrHex(it.value);
      s += `${quoteOrHex(it.key)}: ${v}\n`;
    }
    s += '\n';
  } else if (d.branch) {
    s += `Item Count: ${d.count}\n\n`;
    for (const it of d.branch) s += `${quoteOrHex(it.key)}: <pgid=${it.pgid}>\n`;
    s += '\n';
  } else if (d.freelist) {
    s += `Item Count: ${d.freelist.count}\nOverflow: ${d.overflow}\n\n`;
    // bbolt 1.3.6 PrintFreelist loops i from 1 to count over an array that starts at the
    // count word when the u16 count overflowed, so it prints all ids but the last one.
    const ids = d.freelist.countOverflowed ? d.freelist.ids.slice(0, -1) : d.freelist.ids;
    s += ids.map((id) => `${id}\n`).join('');
    s += '\n';
  }
  return s;
}

export const PAGE_SEPARATOR = '===============================================\n';

/** Go int(float32(a) * 100.0 / float32(b)), as bbolt computes its percentages. */
function percent(a: number, b: number): number {
  if (b === 0) return 0;
  return Math.trunc(Math.fround(Math.fround(Math.fround(a) * 100) / Math.fround(b)));
}

/** `bbolt stats` text. */
export function renderStats(a: AggregateStats): string {
  const s = a.stats;
  return (
    `Aggregate statistics for ${a.bucketCount} buckets\n\n` +
    'Page count statistics\n' +
    `\tNumber of logical branch pages: ${s.BranchPageN}\n` +
    `\tNumber of physical branch overflow pages: ${s.BranchOverflowN}\n` +
    `\tNumber of logical leaf pages: ${s.LeafPageN}\n` +
    `\tNumber of physical leaf overflow pages: ${s.LeafOverflowN}\n` +
    'Tree statistics\n' +
    `\tNumber of keys/value pairs: ${s.KeyN}\n` +
    `\tNumber of levels in B+tree: ${s.Depth}\n` +
    'Page size utilization\n' +
    `\tBytes allocated for physical branch pages: ${s.BranchAlloc}\n` +
    `\tBytes actually used for branch data: ${s.BranchInuse} (${percent(s.BranchInuse, s.BranchAlloc)}%)\n` +
    `\tBytes allocated for physical leaf pages: ${s.LeafAlloc}\n` +
    `\tBytes actually used for leaf data: ${s.LeafInuse} (${percent(s.LeafInuse, s.LeafAlloc)}%)\n` +
    'Bucket statistics\n' +
    `\tTotal number of buckets: ${s.BucketN}\n` +
    `\tTotal number on inlined buckets: ${s.InlineBucketN} (${percent(s.InlineBucketN, s.BucketN)}%)\n` +
    `\tBytes used for inlined buckets: ${s.InlineBucketInuse} (${percent(s.InlineBucketInuse, s.LeafInuse)}%)\n`
  );
}

/** `bbolt dump` of one page: 16-byte lines in 2-byte groups, repeats collapsed to "*". */
export function renderHexDump(offset: number, buf: Uint8Array): string {
  const lines: string[] = [];
  let prev: Buffer | undefined;
  let skipped = false;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let at = 0; at + 16 <= b.length; at += 16) {
    const line = b.subarray(at, at + 16);
    const isLast = at === b.length - 16;
    if (prev && line.equals(prev) && !isLast) {
      if (!skipped) {
        lines.push(`${(offset + at).toString(16).padStart(7, '0')} *`);
        skipped = true;
      }
    } else {
      const groups: string[] = [];
      for (let g = 0; g < 16; g += 2) groups.push(line.subarray(g, g + 2).toString('hex'));
      lines.push(`${(offset + at).toString(16).padStart(7, '0')} ${groups.join(' ')}`);
      skipped = false;
    }
    prev = line;
  }
  return lines.join('\n') + '\n\n';
}
