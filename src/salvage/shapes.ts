// Which etcd bucket a leaf entry belongs to, told from its key and value alone (for pages no
// live tree reaches), and the checks an entry must pass before it is believed. Random bytes
// and torn pages must never pass as data: every shape is checked field by field.
//
// Shapes (release-3.4 mvcc/kvstore.go, server/storage/schema): key = 17/18-byte revision →
// mvccpb.KeyValue (put: mod_revision == main; tombstone: key only); lease = 8-byte BE ID →
// leasepb.Lease with the same ID; members = hex ID → JSON with that id; members_removed = hex
// ID → "removed"; meta/auth/cluster = their fixed key names; alarm = AlarmMember → empty;
// authUsers/authRoles = name → User/Role whose name field is the key.
import { emptyFields, leaseOf, scanKeyValue, type KeyValueFields } from '../mvcc/keyspace/kv-fields.js';
import { BUCKETS, META_KEYS } from '../mvcc/schema/buckets.js';

export type BucketName = (typeof BUCKETS)[keyof typeof BUCKETS];

/** A revision entry that passed the checks. `f` is reused by the next call: copy what you keep. */
export interface RevisionShape {
  main: number;
  sub: number;
  tombstone: boolean;
  /** Offsets of the KeyValue's fields in the value bytes, and its counters. */
  f: KeyValueFields;
}

const TWO_32 = 4294967296;
const shared = emptyFields();
const result: RevisionShape = { main: 0, sub: 0, tombstone: false, f: shared };

function int53(dv: DataView, at: number): number {
  const hi = dv.getUint32(at, false);
  // negative or past 2^53: never a revision etcd wrote
  return hi >= 0x200000 ? -1 : hi * TWO_32 + dv.getUint32(at + 4, false);
}

/** Parses and checks a key-bucket entry without allocating; a string says why it was refused. */
export function revisionShape(key: Uint8Array, value: Uint8Array): RevisionShape | string {
  if (key.length !== 17 && key.length !== 18) return `key of ${key.length} bytes is not a revision`;
  if (key[8] !== 0x5f) return 'revision key without "_" at byte 8';
  if (key.length === 18 && key[17] !== 0x74) return 'revision key mark is not "t"';
  const dv = new DataView(key.buffer, key.byteOffset, key.byteLength);
  const main = int53(dv, 0);
  const sub = int53(dv, 9);
  if (main <= 0 || sub < 0) return 'revision out of range';
  const f = shared;
  try {
    scanKeyValue(value, f);
  } catch (err) {
    return `value is not an mvccpb.KeyValue: ${(err as Error).message}`;
  }
  if (f.keyEnd === f.keyStart) return 'KeyValue without a key';
  const tombstone = key.length === 18;
  if (tombstone) {
    if (f.valueEnd > f.valueStart || f.createRevision || f.version || f.leaseAt >= 0 || (f.modRevision && f.modRevision !== main)) return 'tombstone with fields besides its key';
  } else {
    if (f.modRevision !== main) return `mod_revision ${f.modRevision} differs from the entry's revision ${main}`;
    if (f.createRevision <= 0 || f.createRevision > main) return `create_revision ${f.createRevision} outside 1..${main}`;
    if (f.version <= 0) return `version ${f.version} is not positive`;
    if (f.leaseAt >= 0 && leaseOf(value, f) < 0n) return 'negative lease';
  }
  result.main = main;
  result.sub = sub;
  result.tombstone = tombstone;
  return result;
}

const META_NAMES = new Set<string>(Object.values(META_KEYS));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const isHexId = (s: string) => /^[0-9a-f]{1,16}$/.test(s);

function varintAt(b: Uint8Array, at: number): [bigint, number] | undefined {
  let v = 0n;
  let shift = 0n;
  for (let i = at; i < b.length && i < at + 10; i++) {
    v |= BigInt(b[i]! & 0x7f) << shift;
    if ((b[i]! & 0x80) === 0) return [v, i + 1];
    shift += 7n;
  }
  return undefined;
}

/** Top-level protobuf fields (number, wire, start, end of payload), or undefined when malformed. */
function fields(b: Uint8Array): { n: number; wire: number; start: number; end: number; v?: bigint }[] | undefined {
  const out: { n: number; wire: number; start: number; end: number; v?: bigint }[] = [];
  let at = 0;
  while (at < b.length) {
    const t = varintAt(b, at);
    if (!t) return undefined;
    const n = Number(t[0] >> 3n);
    const wire = Number(t[0] & 7n);
    at = t[1];
    if (n === 0) return undefined;
    if (wire === 0) {
      const v = varintAt(b, at);
      if (!v) return undefined;
      out.push({ n, wire, start: at, end: v[1], v: v[0] });
      at = v[1];
    } else if (wire === 2) {
      const l = varintAt(b, at);
      if (!l || l[1] + Number(l[0]) > b.length) return undefined;
      out.push({ n, wire, start: l[1], end: l[1] + Number(l[0]) });
      at = l[1] + Number(l[0]);
    } else return undefined;
  }
  return out;
}

/** Does (key, value) have the shape of an entry of `bucket`? */
export function fitsBucket(bucket: string, key: Uint8Array, value: Uint8Array): boolean {
  const k = text(key);
  switch (bucket) {
    case BUCKETS.key:
      return typeof revisionShape(key, value) !== 'string';
    case BUCKETS.meta:
      if (!META_NAMES.has(k)) return false;
      if (k === META_KEYS.consistentIndex || k === META_KEYS.term) return value.length === 8;
      if (k === META_KEYS.scheduledCompactRev || k === META_KEYS.finishedCompactRev) return value.length === 17 && value[8] === 0x5f;
      if (k === META_KEYS.confState) return value[0] === 0x7b;
      return value.length > 0 && value.length < 64;
    case BUCKETS.lease: {
      if (key.length !== 8) return false;
      const f = fields(value);
      const id = f?.find((x) => x.n === 1 && x.wire === 0);
      return !!f && !!id && f.every((x) => x.wire === 0 && x.n <= 3) && BigInt.asIntN(64, id.v!) === new DataView(key.buffer, key.byteOffset, 8).getBigInt64(0, false);
    }
    case BUCKETS.members: {
      if (!isHexId(k)) return false;
      const m = /^\{"id":(\d+),/.exec(text(value));
      return !!m && BigInt(m[1]!) === BigInt('0x' + k);
    }
    case BUCKETS.membersRemoved:
      return isHexId(k) && text(value) === 'removed';
    case BUCKETS.auth:
      return (k === 'authEnabled' && value.length === 1 && value[0]! <= 1) || (k === 'authRevision' && value.length === 8);
    case BUCKETS.cluster:
      return (k === 'clusterVersion' && /^\d+\.\d+\.\d+$/.test(text(value))) || (k === 'downgrade' && value[0] === 0x7b);
    case BUCKETS.alarm: {
      if (value.length !== 0) return false;
      const f = fields(key);
      return !!f && f.length > 0 && f.every((x) => x.wire === 0 && x.n <= 2);
    }
    case BUCKETS.authUsers:
    case BUCKETS.authRoles: {
      const f = fields(value);
      const name = f?.find((x) => x.n === 1 && x.wire === 2);
      if (!f || !name || Buffer.compare(value.subarray(name.start, name.end), key) !== 0) return false;
      const user = f.some((x) => x.n === 3 || x.n === 4) || f.some((x) => x.n === 2 && value[x.start] === 0x24); // "$2a$" bcrypt
      const role = f.some((x) => x.n === 2 && value[x.start] !== 0x24);
      return bucket === BUCKETS.authUsers ? user && !role : role && !user;
    }
    default:
      return false;
  }
}

const GUESS_ORDER: string[] = [BUCKETS.key, BUCKETS.lease, BUCKETS.meta, BUCKETS.members, BUCKETS.membersRemoved, BUCKETS.auth, BUCKETS.cluster, BUCKETS.alarm, BUCKETS.authUsers, BUCKETS.authRoles];

/** The bucket an entry of unknown origin belongs to, or undefined when no shape fits. */
export function guessBucket(key: Uint8Array, value: Uint8Array): string | undefined {
  for (const b of GUESS_ORDER) if (fitsBucket(b, key, value)) return b;
  return undefined;
}
