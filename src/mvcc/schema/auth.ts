// The auth buckets.
//   auth:      "authEnabled" → 1 byte (0/1); "authRevision" → uint64 big-endian
//   authUsers: user name → authpb.User { bytes name = 1; bytes password = 2 (bcrypt hash);
//              repeated string roles = 3; UserAddOptions options = 4 { bool no_password = 1 } }
//   authRoles: role name → authpb.Role { bytes name = 1; repeated Permission keyPermission = 2 }
//              Permission { Type permType = 1 (READ=0, WRITE=1, READWRITE=2); bytes key = 2; bytes range_end = 3 }
import { CorruptDataError } from '../../errors.js';
import { expectWire, readBytesField, walkFields, WIRE_BYTES, WIRE_VARINT, type SchemaOrigin } from './wire.js';

export const AUTH_ENABLED_KEY = 'authEnabled';
export const AUTH_REVISION_KEY = 'authRevision';

export interface UserAddOptions {
  noPassword: boolean;
}

export interface AuthUser {
  name: Uint8Array;
  /** bcrypt hash (never the plaintext); hide it in output unless asked. */
  password: Uint8Array;
  roles: Uint8Array[];
  /** undefined when the record has no options field (Go: nil pointer). */
  options: UserAddOptions | undefined;
}

/** authpb.Permission_Type; values outside the enum are kept as numbers. */
export const PERMISSION_TYPES = ['READ', 'WRITE', 'READWRITE'] as const;

export interface Permission {
  permType: number;
  key: Uint8Array;
  rangeEnd: Uint8Array;
}

export interface AuthRole {
  name: Uint8Array;
  keyPermission: Permission[];
}

const EMPTY = new Uint8Array(0);

export function permissionTypeName(t: number): string {
  return PERMISSION_TYPES[t] ?? String(t);
}

/** authRevision's value: uint64 big-endian. */
export function decodeAuthRevision(value: Uint8Array, origin: SchemaOrigin = {}): bigint {
  if (value.length !== 8) {
    throw new CorruptDataError('mvcc', `auth/authRevision value of ${value.length} bytes, expected 8`, { file: origin.file, offset: origin.base });
  }
  return new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, false);
}

/** authEnabled's value: one byte, 1 = enabled. */
export function decodeAuthEnabled(value: Uint8Array, origin: SchemaOrigin = {}): boolean {
  if (value.length !== 1) {
    throw new CorruptDataError('mvcc', `auth/authEnabled value of ${value.length} bytes, expected 1`, { file: origin.file, offset: origin.base });
  }
  return value[0] === 1;
}

export function decodeAuthUser(value: Uint8Array, origin: SchemaOrigin = {}): AuthUser {
  const user: AuthUser = { name: EMPTY, password: EMPTY, roles: [], options: undefined };
  const M = 'authpb.User';
  walkFields(value, M, origin, (f, r) => {
    switch (f.field) {
      case 1:
        expectWire(f, r, M, 'name', WIRE_BYTES);
        user.name = readBytesField(r, M, 'name');
        return true;
      case 2:
        expectWire(f, r, M, 'password', WIRE_BYTES);
        user.password = readBytesField(r, M, 'password');
        return true;
      case 3:
        expectWire(f, r, M, 'roles', WIRE_BYTES);
        user.roles.push(readBytesField(r, M, 'roles'));
        return true;
      case 4: {
        expectWire(f, r, M, 'options', WIRE_BYTES);
        const body = readBytesField(r, M, 'options');
        // A repeated embedded message merges; the last no_password wins.
        const opts = user.options ?? { noPassword: false };
        walkFields(body, 'authpb.UserAddOptions', { file: origin.file, base: (origin.base ?? 0) + r.pos - body.length }, (g, s) => {
          if (g.field !== 1) return false;
          expectWire(g, s, 'authpb.UserAddOptions', 'no_password', WIRE_VARINT);
          opts.noPassword = s.uvarint64() !== 0n;
          return true;
        });
        user.options = opts;
        return true;
      }
      default:
        return false;
    }
  });
  return user;
}

export function decodeAuthRole(value: Uint8Array, origin: SchemaOrigin = {}): AuthRole {
  const role: AuthRole = { name: EMPTY, keyPermission: [] };
  const M = 'authpb.Role';
  walkFields(value, M, origin, (f, r) => {
    if (f.field === 1) {
      expectWire(f, r, M, 'name', WIRE_BYTES);
      role.name = readBytesField(r, M, 'name');
      return true;
    }
    if (f.field === 2) {
      expectWire(f, r, M, 'keyPermission', WIRE_BYTES);
      const body = readBytesField(r, M, 'keyPermission');
      role.keyPermission.push(decodePermission(body, { file: origin.file, base: (origin.base ?? 0) + r.pos - body.length }));
      return true;
    }
    return false;
  });
  return role;
}

function decodePermission(data: Uint8Array, origin: SchemaOrigin): Permission {
  const perm: Permission = { permType: 0, key: EMPTY, rangeEnd: EMPTY };
  const M = 'authpb.Permission';
  walkFields(data, M, origin, (f, r) => {
    if (f.field === 1) {
      expectWire(f, r, M, 'permType', WIRE_VARINT);
      // Enums are int32 on the wire; keep the low 32 bits signed as Go does.
      perm.permType = Number(BigInt.asIntN(32, r.uvarint64()));
      return true;
    }
    if (f.field === 2 || f.field === 3) {
      expectWire(f, r, M, f.field === 2 ? 'key' : 'range_end', WIRE_BYTES);
      const b = readBytesField(r, M, f.field === 2 ? 'key' : 'range_end');
      if (f.field === 2) perm.key = b;
      else perm.rangeEnd = b;
      return true;
    }
    return false;
  });
  return perm;
}
