// JSON view of one raft entry for `dump-logs -o json`: term, index, entry type, what it
// holds (decoded InternalRaftRequest / v2 Request / ConfChange / ConfChangeV2), with
// bytes as {base64, text?}. Unlike etcd-dump-logs 3.4, ConfChangeV2 entries are included.
import { decodeMessage, parsesAs } from '../proto/decode.js';
import { bytesJson, messageJson } from '../proto/json.js';
import { ENTRY_TYPE_NAMES } from '../proto/messages.js';
import { IRR, V2_REQUEST, type EntryView } from './entry-kind.js';

export type EntryContentKind = 'InternalRaftRequest' | 'Request' | 'ConfChange' | 'ConfChangeV2' | 'Empty' | 'Unknown';

export interface EntryJson {
  term: bigint;
  index: bigint;
  type: string;
  content: EntryContentKind;
  request?: Record<string, unknown>;
  /** Undecodable data, base64. */
  data?: unknown;
  data_bytes: number;
}

export function entryJson(v: EntryView, opts: { redact?: boolean } = {}): EntryJson {
  const e = v.entry;
  const out: EntryJson = {
    term: e.term,
    index: e.index,
    type: ENTRY_TYPE_NAMES[e.type] ?? String(e.type),
    content: 'Unknown',
    data_bytes: e.data.length,
  };
  if (v.isNormal) {
    if (e.data.length === 0) out.content = 'Empty';
    else if (v.internalRaftRequest()) {
      out.content = 'InternalRaftRequest';
      out.request = messageJson(IRR, v.internalRaftRequest()!, opts);
    } else if (v.v2Request()) {
      out.content = 'Request';
      out.request = messageJson(V2_REQUEST, v.v2Request()!, opts);
    }
  } else {
    const type = v.isConfChange ? 'raftpb.ConfChange' : v.isConfChangeV2 ? 'raftpb.ConfChangeV2' : undefined;
    if (type && parsesAs(type, e.data)) {
      out.content = v.isConfChange ? 'ConfChange' : 'ConfChangeV2';
      out.request = messageJson(type, decodeMessage(type, e.data), opts);
    }
  }
  if (out.content === 'Unknown' && !opts.redact) out.data = bytesJson(e.data);
  return out;
}
