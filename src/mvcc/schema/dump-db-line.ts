// The lines etcd-dump-db 3.4 prints for `iterate-bucket` (tools/etcd-dump-db/backend.go,
// release-3.4), reproduced byte for byte:
//   default             key=%q, value=%q
//   key       --decode  rev={main:%d sub:%d}, value=[key %q | val %q | created %d | mod %d | ver %d]
//   lease     --decode  lease ID=%016x, TTL=%ds
//   auth      --decode  key="authRevision", value=%d   (other keys: key=%q, value=%v of the []byte)
//   authRoles --decode  role=%q, keyPermission=%v      (gogoproto compact text per permission)
//   authUsers --decode  user=%q, roles=%q, password=%q, option=%v   (3.4 prints the bcrypt hash)
// Other buckets print the default line even with --decode (3.4 has no meta decoder).
// A decoder reads everything before writing, so a corrupt entry leaves the sink untouched.
import { CorruptDataError } from '../../errors.js';
import { decodeKeyValue } from '../key-value.js';
import { REVISION_BYTES } from '../revision.js';
import { AUTH_REVISION_KEY, decodeAuthRole, decodeAuthUser } from './auth.js';
import { BUCKETS } from './buckets.js';
import { ByteSink } from './byte-sink.js';
import { goHex016, writeGoByteList, writeGoQuotedList, writePermissionList, writeUserOptionsText } from './go-format.js';
import { decodeLease, decodeLeaseId } from './lease.js';
import type { SchemaOrigin } from './wire.js';

const EMPTY = new Uint8Array(0);
const AUTH_REVISION = Buffer.from(AUTH_REVISION_KEY);

/** Buckets that etcd-dump-db 3.4 decodes with --decode. */
export const DUMP_DB_DECODED_BUCKETS: readonly string[] = [BUCKETS.key, BUCKETS.lease, BUCKETS.auth, BUCKETS.authRoles, BUCKETS.authUsers];

export function hasDumpDbDecoder(bucket: string): boolean {
  return DUMP_DB_DECODED_BUCKETS.includes(bucket);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `key=%q, value=%q\n`; a nested bucket's nil value prints as "". */
export function writeDefaultLine(sink: ByteSink, key: Uint8Array, value: Uint8Array | null): void {
  sink.ascii('key=');
  sink.goQuoted(key);
  sink.ascii(', value=');
  sink.goQuoted(value ?? EMPTY);
  sink.byte(0x0a);
}

/**
 * Writes the line etcd-dump-db prints for one entry. With `decode`, buckets that have a
 * 3.4 decoder are decoded; throws CorruptDataError (writing nothing) when they do not parse.
 */
export function writeDumpDbLine(
  sink: ByteSink,
  bucket: string,
  key: Uint8Array,
  value: Uint8Array | null,
  decode: boolean,
  origin: SchemaOrigin = {},
): void {
  if (!decode || !hasDumpDbDecoder(bucket)) return writeDefaultLine(sink, key, value);
  if (value === null) throw new CorruptDataError('mvcc', `${bucket} bucket holds a nested bucket, expected a value`, { file: origin.file });
  switch (bucket) {
    case BUCKETS.key: {
      // 3.4 reads main from bytes 0..7 and sub from 9..16 of any key of 17+ bytes.
      if (key.length < REVISION_BYTES) throw new CorruptDataError('mvcc', `key bucket key of ${key.length} bytes, expected a 17-byte revision`, { file: origin.file });
      const dv = new DataView(key.buffer, key.byteOffset, key.byteLength);
      const kv = decodeKeyValue(value, origin);
      sink.ascii(`rev={main:${dv.getBigInt64(0, false)} sub:${dv.getBigInt64(9, false)}}, value=[key `);
      sink.goQuoted(kv.key);
      sink.ascii(' | val ');
      sink.goQuoted(kv.value);
      sink.ascii(` | created ${kv.createRevision} | mod ${kv.modRevision} | ver ${kv.version}]\n`);
      return;
    }
    case BUCKETS.lease: {
      const id = decodeLeaseId(key, origin);
      const lease = decodeLease(value, origin);
      sink.ascii(`lease ID=${goHex016(id)}, TTL=${lease.ttl}s\n`);
      return;
    }
    case BUCKETS.auth: {
      if (sameBytes(key, AUTH_REVISION)) {
        // binary.BigEndian.Uint64(v): the first 8 bytes; fewer is a panic in Go.
        if (value.length < 8) throw new CorruptDataError('mvcc', `auth/authRevision value of ${value.length} bytes, expected 8`, { file: origin.file });
        const rev = new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, false);
        sink.ascii('key=');
        sink.goQuoted(key);
        sink.ascii(`, value=${rev}\n`);
      } else {
        sink.ascii('key=');
        sink.goQuoted(key);
        sink.ascii(', value=');
        writeGoByteList(sink, value);
        sink.byte(0x0a);
      }
      return;
    }
    case BUCKETS.authRoles: {
      const role = decodeAuthRole(value, origin);
      sink.ascii('role=');
      sink.goQuoted(role.name);
      sink.ascii(', keyPermission=');
      writePermissionList(sink, role.keyPermission);
      sink.byte(0x0a);
      return;
    }
    case BUCKETS.authUsers: {
      const user = decodeAuthUser(value, origin);
      sink.ascii('user=');
      sink.goQuoted(user.name);
      sink.ascii(', roles=');
      writeGoQuotedList(sink, user.roles);
      sink.ascii(', password=');
      sink.goQuoted(user.password);
      sink.ascii(', option=');
      writeUserOptionsText(sink, user.options);
      sink.byte(0x0a);
      return;
    }
  }
}

/** The line (with its newline) etcd-dump-db prints for one entry, as a string. */
export function dumpDbLine(bucket: string, key: Uint8Array, value: Uint8Array | null, decode: boolean, origin: SchemaOrigin = {}): string {
  const sink = new ByteSink(256);
  writeDumpDbLine(sink, bucket, key, value, decode, origin);
  return sink.toString();
}
