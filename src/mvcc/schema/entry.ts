// One decoder entry point for every bucket of etcd's schema, and the JSON shape of the
// result for our own outputs (`-o json`): exact bigints, bytes as base64 + text when the
// bytes are valid UTF-8, secrets (bcrypt password hashes) hidden unless asked for.
import { decodeKeyValue, type KeyValue } from '../key-value.js';
import { parseRevisionKey, type RevisionKey } from '../revision.js';
import { AUTH_ENABLED_KEY, AUTH_REVISION_KEY, decodeAuthEnabled, decodeAuthRevision, decodeAuthRole, decodeAuthUser, permissionTypeName, type AuthRole, type AuthUser } from './auth.js';
import { BUCKETS } from './buckets.js';
import { decodeLease, decodeLeaseId, type Lease } from './lease.js';
import { alarmTypeName, decodeAlarmMember, decodeClusterValue, decodeMember, decodeMemberIdKey, type AlarmMember, type ClusterValue, type Member } from './membership.js';
import { decodeMetaValue, type MetaValue } from './meta.js';
import type { SchemaOrigin } from './wire.js';

export type SchemaEntry =
  | { bucket: 'key'; revision: RevisionKey; kv: KeyValue }
  | { bucket: 'lease'; id: bigint; lease: Lease }
  | { bucket: 'auth'; key: 'authEnabled'; enabled: boolean }
  | { bucket: 'auth'; key: 'authRevision'; revision: bigint }
  | { bucket: 'auth'; key: 'unknown'; name: Uint8Array; raw: Uint8Array }
  | { bucket: 'authUsers'; user: AuthUser }
  | { bucket: 'authRoles'; role: AuthRole }
  | { bucket: 'meta'; meta: MetaValue }
  | { bucket: 'members'; member: Member }
  | { bucket: 'members_removed'; id: bigint; marker: string }
  | { bucket: 'cluster'; cluster: ClusterValue }
  | { bucket: 'alarm'; alarm: AlarmMember };

const SCHEMA_BUCKETS = new Set<string>(Object.values(BUCKETS));
const utf8 = new TextDecoder('utf-8', { fatal: false });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** True when `bucket` is one of etcd's buckets this module decodes. */
export function hasSchemaDecoder(bucket: string): boolean {
  return SCHEMA_BUCKETS.has(bucket);
}

/**
 * Decodes one entry of an etcd bucket; undefined for buckets outside etcd's schema.
 * Throws CorruptDataError when the bytes do not follow the bucket's format.
 */
export function decodeSchemaEntry(bucket: string, key: Uint8Array, value: Uint8Array, origin: SchemaOrigin = {}): SchemaEntry | undefined {
  switch (bucket) {
    case BUCKETS.key:
      return { bucket, revision: parseRevisionKey(key, { file: origin.file, offset: origin.base }), kv: decodeKeyValue(value, origin) };
    case BUCKETS.lease:
      return { bucket, id: decodeLeaseId(key, origin), lease: decodeLease(value, origin) };
    case BUCKETS.auth: {
      const name = utf8.decode(key);
      if (name === AUTH_ENABLED_KEY) return { bucket, key: name, enabled: decodeAuthEnabled(value, origin) };
      if (name === AUTH_REVISION_KEY) return { bucket, key: name, revision: decodeAuthRevision(value, origin) };
      return { bucket, key: 'unknown', name: key, raw: value };
    }
    case BUCKETS.authUsers:
      return { bucket, user: decodeAuthUser(value, origin) };
    case BUCKETS.authRoles:
      return { bucket, role: decodeAuthRole(value, origin) };
    case BUCKETS.meta:
      return { bucket, meta: decodeMetaValue(key, value, origin) };
    case BUCKETS.members:
      return { bucket, member: decodeMember(key, value, origin) };
    case BUCKETS.membersRemoved:
      return { bucket, id: decodeMemberIdKey(key, origin), marker: utf8.decode(value) };
    case BUCKETS.cluster:
      return { bucket, cluster: decodeClusterValue(key, value) };
    case BUCKETS.alarm:
      return { bucket, alarm: decodeAlarmMember(key, origin) };
    default:
      return undefined;
  }
}

export interface SchemaJsonOptions {
  /** Include bcrypt password hashes (hidden by default). */
  showSecrets?: boolean;
}

/**
 * The bytes as a string when they are plain text (valid UTF-8 without control characters
 * other than tab, CR and LF), else undefined. ASCII, the common case, skips the decoder.
 */
export function plainText(b: Uint8Array): string | undefined {
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return undefined;
    if (c >= 0x80) ascii = false;
  }
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (ascii) return buf.toString('latin1');
  try {
    return strictUtf8.decode(b);
  } catch {
    return undefined;
  }
}

/**
 * `{name: base64, nameText: text}`: base64 always (lossless), the text only when the bytes
 * are plain text (valid UTF-8, no control characters), so binary keys do not turn into noise.
 */
export function bytesJson(name: string, b: Uint8Array): Record<string, string> {
  const out: Record<string, string> = { [name]: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64') };
  const t = plainText(b);
  if (t !== undefined) out[name + 'Text'] = t;
  return out;
}

function text(b: Uint8Array): string {
  return utf8.decode(b);
}

export const SECRET_HIDDEN = '<hidden: use --show-secrets>';

/** The JSON-ready object of a decoded entry (bigints stay bigints for stringifyJson). */
export function schemaEntryToJson(e: SchemaEntry, opts: SchemaJsonOptions = {}): Record<string, unknown> {
  switch (e.bucket) {
    case 'key':
      return {
        revision: { main: e.revision.main, sub: e.revision.sub },
        tombstone: e.revision.tombstone,
        ...bytesJson('key', e.kv.key),
        createRevision: e.kv.createRevision,
        modRevision: e.kv.modRevision,
        version: e.kv.version,
        ...bytesJson('value', e.kv.value),
        lease: e.kv.lease,
      };
    case 'lease':
      return { id: e.id, idHex: BigInt.asUintN(64, e.id).toString(16).padStart(16, '0'), ttl: e.lease.ttl, remainingTtl: e.lease.remainingTtl };
    case 'auth':
      if (e.key === 'authEnabled') return { key: e.key, enabled: e.enabled };
      if (e.key === 'authRevision') return { key: e.key, revision: e.revision };
      return { ...bytesJson('key', e.name), ...bytesJson('value', e.raw) };
    case 'authUsers':
      return {
        name: text(e.user.name),
        password: opts.showSecrets ? text(e.user.password) : e.user.password.length ? SECRET_HIDDEN : '',
        roles: e.user.roles.map(text),
        options: e.user.options ? { noPassword: e.user.options.noPassword } : null,
      };
    case 'authRoles':
      return {
        name: text(e.role.name),
        keyPermission: e.role.keyPermission.map((p) => ({ permType: permissionTypeName(p.permType), ...bytesJson('key', p.key), ...bytesJson('rangeEnd', p.rangeEnd) })),
      };
    case 'meta': {
      const m = e.meta;
      switch (m.key) {
        case 'consistent_index':
        case 'term':
          return { key: m.key, value: m.value };
        case 'scheduledCompactRev':
        case 'finishedCompactRev':
          return { key: m.key, revision: { main: m.revision.main, sub: m.revision.sub } };
        case 'confState':
          return { key: m.key, confState: m.confState };
        case 'storageVersion':
          return { key: m.key, version: m.version };
        default:
          return { ...bytesJson('key', m.name), ...bytesJson('value', m.raw) };
      }
    }
    case 'members':
      return { id: e.member.id, idHex: e.member.id.toString(16), name: e.member.name, peerURLs: e.member.peerURLs, clientURLs: e.member.clientURLs, isLearner: e.member.isLearner };
    case 'members_removed':
      return { id: e.id, idHex: e.id.toString(16), marker: e.marker };
    case 'cluster': {
      const c = e.cluster;
      if (c.key === 'clusterVersion') return { key: c.key, version: c.version };
      if (c.key === 'downgrade') return { key: c.key, targetVersion: c.targetVersion, enabled: c.enabled };
      return { ...bytesJson('key', c.name), ...bytesJson('value', c.raw) };
    }
    case 'alarm':
      return { memberID: e.alarm.memberID, memberIDHex: e.alarm.memberID.toString(16), alarm: alarmTypeName(e.alarm.alarm) };
  }
}
