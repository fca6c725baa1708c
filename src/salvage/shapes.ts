// Which etcd bucket a leaf entry belongs to, told from its key and value alone (for pages no
// live tree reaches), and the checks an entry must pass before it is believed. Random bytes
// and torn pages must never pass as data: every shape is checked field by field.
//
// Shapes (release-3.4 mvcc/kvstore.go, server/storage/schema): key = 17/18-byte revision →
// mvccpb.KeyValue (put: mod_revision == main; tombstone: key only); lease = 8-byte BE ID →
// leasepb.Lease with the same ID; members = hex ID → JSON with that id; members_removed = hex
// ID → "removed"; meta/auth/cluster = their fixed key names; alarm = AlarmMember → empty;
// authUsers/authRoles = name → User/Role whose name field is the key.
import { decodeKeyValue, type KeyValue } from '../mvcc/key-value.js';
import { BUCKETS, META_KEYS } from '../mvcc/schema/buckets.js';

export type BucketName = (typeof BUCKETS)[keyof typeof BUCKETS];

/** A revision entry that passed the checks. */
export interface RevisionShape {
  main: number;
  sub: number;
  tombstone: boolean;
  kv: KeyValue;
}

const MAX_REVISION = Number.MAX_SAFE_INTEGER;

/** Parses and checks a key-bucket entry; a string says why it was refused. */
export function revisionShape(key: Uint8Array, value: Uint8Array): RevisionShape | string {
  if (key.length !== 17 && key.length !== 18) return `key of ${key.length} bytes is not a revision`;
  if (key[8] !== 0x5f) return 'revision key without "_" at byte 8';
  if (key.length === 18 && key[17] !== 0x74) return 'revision key mark is not "t"';
  const dv = new DataView(key.buffer, key.byteOffset, key.byteLength);
  const main = Number(dv.getBigInt64(0, false));
  const sub = Number(dv.getBigInt64(9, false));
  if (main <= 0 || main > MAX_REVISION || sub < 0 || sub > MAX_REVISION) return `revision ${main}.${sub} out of range`;
  let kv: KeyValue;
  try {
    kv = decodeKeyValue(value);
  } catch (err) {
    return `value is not an mvccpb.KeyValue: ${(err as Error).message}`;
  }
  if (kv.key.length === 0) return 'KeyValue without a key';
  const tombstone = key.length === 18;
  if (tombstone) {
    if (kv.value.length || kv.createRevision || kv.version || kv.lease || (kv.modRevision && Number(kv.modRevision) !== main)) return 'tombstone with fields besides its key';
  } else {
    if (Number(kv.modRevision) !== main) return `mod_revision ${kv.modRevision} differs from the entry's revision ${main}`;
    if (kv.createRevision <= 0n || Number(kv.createRevision) > main) return `create_revision ${kv.createRevision} outside 1..${main}`;
    if (kv.version <= 0n) return `version ${kv.version} is not positive`;
    if (kv.lease < 0n) return `negative lease ${kv.lease}`;
  }
  return { main, sub, tombstone, kv };
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
