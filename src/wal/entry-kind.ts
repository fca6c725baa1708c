// What a raft entry holds, decided the way etcd-dump-logs decides it: a normal entry is
// an InternalRaftRequest if it parses as one, else a v2 Request if it parses as that,
// else unknown; conf-change entries hold raftpb.ConfChange / ConfChangeV2. Parsing is
// gogoproto-exact (a v3 put also parses as a v2 Request, so the order matters).
import { decodeMessage, type DecodedMessage } from '../proto/decode.js';
import { ProtoError } from '../proto/wire.js';
import { ENTRY_CONF_CHANGE, ENTRY_CONF_CHANGE_V2, ENTRY_NORMAL, type Entry } from '../proto/messages.js';

export const IRR = 'etcdserverpb.InternalRaftRequest';
export const V2_REQUEST = 'etcdserverpb.Request';

/** Lazily parsed facts about one entry (each parse runs at most once). */
export class EntryView {
  readonly entry: Entry;
  private irr: DecodedMessage | null | undefined;
  private req: DecodedMessage | null | undefined;

  constructor(entry: Entry) {
    this.entry = entry;
  }

  get isNormal(): boolean {
    return this.entry.type === ENTRY_NORMAL;
  }
  get isConfChange(): boolean {
    return this.entry.type === ENTRY_CONF_CHANGE;
  }
  get isConfChangeV2(): boolean {
    return this.entry.type === ENTRY_CONF_CHANGE_V2;
  }

  /** The InternalRaftRequest, or null when the data does not parse as one. */
  internalRaftRequest(): DecodedMessage | null {
    if (this.irr === undefined) this.irr = tryDecode(IRR, this.entry.data);
    return this.irr;
  }

  /** The v2 Request, or null when the data does not parse as one. */
  v2Request(): DecodedMessage | null {
    if (this.req === undefined) this.req = tryDecode(V2_REQUEST, this.entry.data);
    return this.req;
  }

  /** etcd-dump-logs' classification of a normal entry. */
  normalKind(): 'InternalRaftRequest' | 'Request' | 'UnknownNormal' {
    if (this.internalRaftRequest()) return 'InternalRaftRequest';
    if (this.v2Request()) return 'Request';
    return 'UnknownNormal';
  }
}

function tryDecode(type: string, data: Uint8Array): DecodedMessage | null {
  try {
    return decodeMessage(type, data);
  } catch (err) {
    if (err instanceof ProtoError) return null;
    throw err;
  }
}

/** The etcd-dump-logs `--entry-type` names and the IRR field each IRR* filter requires. */
export const IRR_FILTER_FIELDS: Record<string, string> = {
  IRRRange: 'range',
  IRRPut: 'put',
  IRRDeleteRange: 'delete_range',
  IRRTxn: 'txn',
  IRRCompaction: 'compaction',
  IRRLeaseGrant: 'lease_grant',
  IRRLeaseRevoke: 'lease_revoke',
  IRRLeaseCheckpoint: 'lease_checkpoint',
};

export type PrinterKind = 'InternalRaftRequest' | 'Request' | 'ConfigChange' | 'UnknownNormal';
export type EntryFilter = (v: EntryView) => PrinterKind | undefined;

const passConfChange: EntryFilter = (v) => (v.isConfChange ? 'ConfigChange' : undefined);
const passIrr: EntryFilter = (v) => (v.isNormal && v.internalRaftRequest() ? 'InternalRaftRequest' : undefined);
const passRequest: EntryFilter = (v) => (v.isNormal && v.v2Request() && !v.internalRaftRequest() ? 'Request' : undefined);
const passUnknown: EntryFilter = (v) => (v.isNormal && !v.v2Request() && !v.internalRaftRequest() ? 'UnknownNormal' : undefined);
const passIrrField =
  (field: string): EntryFilter =>
  (v) => {
    if (!v.isNormal) return undefined;
    const rr = v.internalRaftRequest();
    return rr && rr[field] !== undefined ? 'InternalRaftRequest' : undefined;
  };

const NAMED_FILTERS: Record<string, EntryFilter[]> = {
  ConfigChange: [passConfChange],
  Normal: [passIrr, passRequest, passUnknown],
  Request: [passRequest],
  InternalRaftRequest: [passIrr],
  ...Object.fromEntries(Object.entries(IRR_FILTER_FIELDS).map(([k, f]) => [k, [passIrrField(f)]])),
};

export const ENTRY_TYPE_NAMES_ACCEPTED = Object.keys(NAMED_FILTERS);

/**
 * etcd-dump-logs 3.4 evaluateEntrytypeFlag: "" = IRR, Request, UnknownNormal, ConfigChange;
 * otherwise the named filters in order. Unknown names are returned in `invalid` (etcd
 * logs a warning and ignores them). ConfChangeV2 entries match no filter.
 */
export function entryFilters(entryTypes: string): { filters: EntryFilter[]; invalid: string[] } {
  const filters: EntryFilter[] = [];
  const invalid: string[] = [];
  if (entryTypes === '') return { filters: [passIrr, passRequest, passUnknown, passConfChange], invalid };
  for (const name of entryTypes.split(',')) {
    const f = Object.prototype.hasOwnProperty.call(NAMED_FILTERS, name) ? NAMED_FILTERS[name] : undefined;
    if (f) filters.push(...f);
    else invalid.push(name);
  }
  return { filters, invalid };
}

/** The first filter that passes (etcd: first match wins). */
export function matchEntry(filters: EntryFilter[], v: EntryView): PrinterKind | undefined {
  for (const f of filters) {
    const k = f(v);
    if (k) return k;
  }
  return undefined;
}
