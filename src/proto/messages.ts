// Typed views of the raft/WAL/snapshot messages etcd writes, decoded with gogoproto's
// rules. Hot-path messages (walpb.Record, raftpb.Entry) are decoded by hand.
import { decodeMessage, type DecodedMessage } from './decode.js';
import { ProtoError, WireReader, WIRE_BYTES, WIRE_VARINT } from './wire.js';

const EMPTY = new Uint8Array(0);

/** walpb.Record{type=1 int64, crc=2 uint32, data=3 bytes}. */
export interface WalRecordProto {
  type: bigint;
  crc: number;
  data: Uint8Array;
}

export function decodeWalRecordProto(b: Uint8Array): WalRecordProto {
  const r = new WireReader(b);
  const rec: WalRecordProto = { type: 0n, crc: 0, data: EMPTY };
  while (!r.eof) {
    const [id, wire] = r.tag('Record');
    if (id === 1 || id === 2) {
      if (wire !== WIRE_VARINT) throw new ProtoError(`proto: wrong wireType = ${wire} for field ${id === 1 ? 'Type' : 'Crc'}`, r.pos);
      const v = r.varint64();
      if (id === 1) rec.type = BigInt.asIntN(64, v);
      else rec.crc = Number(BigInt.asUintN(32, v));
    } else if (id === 3) {
      if (wire !== WIRE_BYTES) throw new ProtoError(`proto: wrong wireType = ${wire} for field Data`, r.pos);
      const [s, e] = r.lengthDelimited();
      rec.data = b.subarray(s, e);
    } else {
      r.skip(wire);
    }
  }
  return rec;
}

export const ENTRY_NORMAL = 0;
export const ENTRY_CONF_CHANGE = 1;
export const ENTRY_CONF_CHANGE_V2 = 2;
export const ENTRY_TYPE_NAMES: Record<number, string> = {
  [ENTRY_NORMAL]: 'EntryNormal',
  [ENTRY_CONF_CHANGE]: 'EntryConfChange',
  [ENTRY_CONF_CHANGE_V2]: 'EntryConfChangeV2',
};

/** raftpb.Entry{Type=1, Term=2, Index=3, Data=4}. */
export interface Entry {
  term: bigint;
  index: bigint;
  type: number;
  data: Uint8Array;
}

export function decodeEntry(b: Uint8Array): Entry {
  const r = new WireReader(b);
  const e: Entry = { term: 0n, index: 0n, type: 0, data: EMPTY };
  while (!r.eof) {
    const [id, wire] = r.tag('Entry');
    if (id >= 1 && id <= 3) {
      if (wire !== WIRE_VARINT) throw new ProtoError(`proto: wrong wireType = ${wire} for field ${id}`, r.pos);
      const v = r.varint64();
      if (id === 1) e.type = Number(BigInt.asIntN(32, v));
      else if (id === 2) e.term = v;
      else e.index = v;
    } else if (id === 4) {
      if (wire !== WIRE_BYTES) throw new ProtoError(`proto: wrong wireType = ${wire} for field Data`, r.pos);
      const [s, end] = r.lengthDelimited();
      e.data = b.subarray(s, end);
    } else {
      r.skip(wire);
    }
  }
  return e;
}

/** raftpb.HardState{term=1, vote=2, commit=3}. */
export interface HardState {
  term: bigint;
  vote: bigint;
  commit: bigint;
}

export function decodeHardState(b: Uint8Array): HardState {
  const m = decodeMessage('raftpb.HardState', b);
  return { term: u64(m.term), vote: u64(m.vote), commit: u64(m.commit) };
}

/** etcdserverpb.Metadata{NodeID=1, ClusterID=2}: the first record of every WAL file. */
export interface WalMetadata {
  nodeId: bigint;
  clusterId: bigint;
}

export function decodeWalMetadata(b: Uint8Array): WalMetadata {
  const m = decodeMessage('etcdserverpb.Metadata', b);
  return { nodeId: u64(m.NodeID), clusterId: u64(m.ClusterID) };
}

/** raftpb.ConfState. */
export interface ConfState {
  voters: bigint[];
  learners: bigint[];
  votersOutgoing: bigint[];
  learnersNext: bigint[];
  autoLeave: boolean;
}

export function toConfState(m: DecodedMessage | undefined): ConfState {
  return {
    voters: (m?.voters as bigint[] | undefined) ?? [],
    learners: (m?.learners as bigint[] | undefined) ?? [],
    votersOutgoing: (m?.voters_outgoing as bigint[] | undefined) ?? [],
    learnersNext: (m?.learners_next as bigint[] | undefined) ?? [],
    autoLeave: (m?.auto_leave as boolean | undefined) ?? false,
  };
}

/** walpb.Snapshot{index=1, term=2, conf_state=3}: a snapshot marker in the WAL. */
export interface WalSnapshot {
  index: bigint;
  term: bigint;
  confState: ConfState | undefined;
}

export function decodeWalSnapshot(b: Uint8Array): WalSnapshot {
  const m = decodeMessage('walpb.Snapshot', b);
  return {
    index: u64(m.index),
    term: u64(m.term),
    confState: m.conf_state ? toConfState(m.conf_state as DecodedMessage) : undefined,
  };
}

/** raftpb.ConfChange (EntryConfChange data). */
export interface ConfChange {
  id: bigint;
  type: number;
  nodeId: bigint;
  context: Uint8Array;
}

export function decodeConfChange(b: Uint8Array): ConfChange {
  const m = decodeMessage('raftpb.ConfChange', b);
  return { id: u64(m.ID), type: (m.Type as number | undefined) ?? 0, nodeId: u64(m.NodeID), context: (m.Context as Uint8Array | undefined) ?? EMPTY };
}

export const CONF_CHANGE_TYPE_NAMES: Record<number, string> = {
  0: 'ConfChangeAddNode',
  1: 'ConfChangeRemoveNode',
  2: 'ConfChangeUpdateNode',
  3: 'ConfChangeAddLearnerNode',
};

function u64(v: unknown): bigint {
  return typeof v === 'bigint' ? v : 0n;
}
