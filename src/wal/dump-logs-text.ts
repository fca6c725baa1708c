// Entry lines exactly as etcd-dump-logs 3.4 prints them (tools/etcd-dump-logs/main.go):
//   "%4d\t%10d\tnorm\t<IRR compact text>" | "...\tnorm\tmethod=PUT path=... val=..." |
//   "...\tconf\tmethod=ConfChangeAddNode id=<hex>" | "...\tnorm\t???"
import { goQuote } from '../io/go-quote.js';
import { decodeMessage, parsesAs } from '../proto/decode.js';
import { CONF_CHANGE_TYPE_NAMES } from '../proto/messages.js';
import { compactText } from '../proto/text.js';
import { goTimeStringUtc } from './go-time.js';
import { IRR, type EntryView, type PrinterKind } from './entry-kind.js';

export interface EntryTextOptions {
  /** Hide values and passwords (not an etcd-dump-logs option; off = byte-identical). */
  redact?: boolean;
}

const REDACT_FIELDS: ReadonlySet<string> = new Set(['value', 'password', 'hashedPassword', 'Val', 'PrevValue']);

/** Go `%4d\t%10d` of term and index. */
export function termIndexPrefix(term: bigint, index: bigint): string {
  return term.toString().padStart(4, ' ') + '\t' + index.toString().padStart(10, ' ');
}

/** Go types.ID String(): lowercase hex without padding. */
export function idHex(id: bigint): string {
  return id.toString(16);
}

/** One entry's text (without the trailing newline). */
export function entryText(kind: PrinterKind, v: EntryView, opts: EntryTextOptions = {}): string {
  const e = v.entry;
  const prefix = termIndexPrefix(e.term, e.index);
  switch (kind) {
    case 'InternalRaftRequest':
      return `${prefix}\tnorm\t${compactText(IRR, v.internalRaftRequest()!, opts.redact ? { redactFields: REDACT_FIELDS } : {})}`;
    case 'UnknownNormal':
      return `${prefix}\tnorm\t???`;
    case 'ConfigChange': {
      if (!parsesAs('raftpb.ConfChange', e.data)) return `${prefix}\tconf\t???`;
      const cc = decodeMessage('raftpb.ConfChange', e.data);
      const type = (cc.Type as number | undefined) ?? 0;
      const node = (cc.NodeID as bigint | undefined) ?? 0n;
      return `${prefix}\tconf\tmethod=${CONF_CHANGE_TYPE_NAMES[type] ?? String(type)} id=${idHex(node)}`;
    }
    case 'Request':
      return `${prefix}\tnorm${v2RequestText(v, opts)}`;
  }
}

function v2RequestText(v: EntryView, opts: EntryTextOptions): string {
  const r = v.v2Request()!;
  const empty = new Uint8Array(0);
  const method = Buffer.from((r.Method as Uint8Array | undefined) ?? empty).toString('latin1');
  const path = (r.Path as Uint8Array | undefined) ?? empty;
  const val = (r.Val as Uint8Array | undefined) ?? empty;
  // etcd prints the method raw; control characters are escaped so a crafted entry cannot drive the terminal.
  const methodQ = Buffer.from((r.Method as Uint8Array | undefined) ?? empty)
    .toString('utf8')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
  switch (method) {
    case '':
      return '\tnoop';
    case 'SYNC':
      return `\tmethod=SYNC time=${goQuote(Buffer.from(goTimeStringUtc((r.Time as bigint | undefined) ?? 0n)))}`;
    case 'QGET':
    case 'DELETE':
      return `\tmethod=${methodQ} path=${excerpt(path, 64, 64)}`;
    default:
      return `\tmethod=${methodQ} path=${excerpt(path, 64, 64)} val=${opts.redact ? '"<value removed>"' : excerpt(val, 128, 0)}`;
  }
}

/** etcd-dump-logs excerpt(): %q of the whole string, or of its head and tail around "...". */
export function excerpt(b: Uint8Array, pre: number, suf: number): string {
  if (pre + suf > b.length) return goQuote(b);
  return `${goQuote(b.subarray(0, pre))}...${goQuote(b.subarray(b.length - suf))}`;
}
