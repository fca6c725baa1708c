// Membership and cluster buckets (etcd server/storage/schema/membership.go, alarm.go):
//   members:          member ID as lowercase hex → JSON {"id","peerURLs","isLearner"?,"name"?,"clientURLs"?}
//   members_removed:  member ID as lowercase hex → "removed"
//   cluster:          "clusterVersion" → "3.4.0"; "downgrade" → JSON {"target-version","enabled"}
//   alarm:            key = etcdserverpb.AlarmMember{uint64 memberID = 1; AlarmType alarm = 2}, empty value
import { CorruptDataError } from '../../errors.js';
import { parseJsonExact, type JsonValue } from './json-exact.js';
import { CLUSTER_KEYS } from './buckets.js';
import { expectWire, walkFields, WIRE_VARINT, type SchemaOrigin } from './wire.js';

export interface Member {
  /** From the key (hex); the JSON "id" must agree. */
  id: bigint;
  peerURLs: string[];
  clientURLs: string[];
  name: string;
  isLearner: boolean;
}

export const ALARM_TYPES = ['NONE', 'NOSPACE', 'CORRUPT'] as const;

export interface AlarmMember {
  memberID: bigint;
  alarm: number;
}

export type ClusterValue =
  | { key: 'clusterVersion'; version: string }
  | { key: 'downgrade'; targetVersion: string; enabled: boolean }
  | { key: 'unknown'; name: Uint8Array; raw: Uint8Array };

const text = new TextDecoder('utf-8', { fatal: false });

/** A member ID written as hex (types.ID.String()). */
export function decodeMemberIdKey(key: Uint8Array, origin: SchemaOrigin = {}): bigint {
  const s = text.decode(key);
  if (!/^[0-9a-f]{1,16}$/.test(s)) {
    throw new CorruptDataError('mvcc', `member key ${JSON.stringify(s)} is not a hex member ID`, { file: origin.file, offset: origin.base });
  }
  return BigInt('0x' + s);
}

function stringList(v: JsonValue | undefined, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new CorruptDataError('mvcc', `${what}: expected a list of strings`);
  return v as string[];
}

export function decodeMember(key: Uint8Array, value: Uint8Array, origin: SchemaOrigin = {}): Member {
  const id = decodeMemberIdKey(key, origin);
  const json = parseJsonExact(text.decode(value), 'members value');
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CorruptDataError('mvcc', 'members value is not a JSON object', { file: origin.file, offset: origin.base });
  }
  const jsonId = json['id'];
  if (jsonId !== undefined && BigInt(jsonId as number | bigint) !== id) {
    throw new CorruptDataError('mvcc', `member key ${id.toString(16)} holds id ${String(jsonId)}`, { file: origin.file, offset: origin.base });
  }
  return {
    id,
    peerURLs: stringList(json['peerURLs'], 'members.peerURLs'),
    clientURLs: stringList(json['clientURLs'], 'members.clientURLs'),
    name: typeof json['name'] === 'string' ? json['name'] : '',
    isLearner: json['isLearner'] === true,
  };
}

export function decodeClusterValue(key: Uint8Array, value: Uint8Array): ClusterValue {
  const name = text.decode(key);
  if (name === CLUSTER_KEYS.clusterVersion) return { key: name, version: text.decode(value) };
  if (name === CLUSTER_KEYS.downgrade) {
    const json = parseJsonExact(text.decode(value), 'cluster/downgrade');
    const o = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : Object.create(null);
    return { key: name, targetVersion: typeof o['target-version'] === 'string' ? o['target-version'] : '', enabled: o['enabled'] === true };
  }
  return { key: 'unknown', name: key, raw: value };
}

export function decodeAlarmMember(key: Uint8Array, origin: SchemaOrigin = {}): AlarmMember {
  const m: AlarmMember = { memberID: 0n, alarm: 0 };
  const M = 'etcdserverpb.AlarmMember';
  walkFields(key, M, origin, (f, r) => {
    if (f.field !== 1 && f.field !== 2) return false;
    expectWire(f, r, M, f.field === 1 ? 'memberID' : 'alarm', WIRE_VARINT);
    const v = r.uvarint64();
    if (f.field === 1) m.memberID = v;
    else m.alarm = Number(BigInt.asIntN(32, v));
    return true;
  });
  return m;
}

export function alarmTypeName(t: number): string {
  return ALARM_TYPES[t] ?? String(t);
}
