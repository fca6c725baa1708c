// Go fmt renderings that etcd-dump-db's output depends on, written into a ByteSink:
// `%016x` of an int64, `%v` of a []byte, `%q` of a []string, and gogoproto's
// CompactTextString (what `%v` prints for a generated message) for authpb messages.
import type { ByteSink } from './byte-sink.js';
import { permissionTypeName, type Permission, type UserAddOptions } from './auth.js';
import { textQuote } from '../../proto/text.js';

/** Go `%016x` of an int64: zero-padded to 16 characters, sign first for negatives. */
export function goHex016(v: bigint): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString(16);
  return neg ? '-' + digits.padStart(15, '0') : digits.padStart(16, '0');
}

/** Go `%v` of a []byte: decimal bytes in brackets, `[1 0 255]`. */
export function writeGoByteList(sink: ByteSink, b: Uint8Array): void {
  sink.byte(0x5b);
  for (let i = 0; i < b.length; i++) {
    if (i > 0) sink.byte(0x20);
    sink.ascii(String(b[i]));
  }
  sink.byte(0x5d);
}

/** Go `%q` of a []string: `["a" "b"]`. */
export function writeGoQuotedList(sink: ByteSink, items: readonly Uint8Array[]): void {
  sink.byte(0x5b);
  items.forEach((s, i) => {
    if (i > 0) sink.byte(0x20);
    sink.goQuoted(s);
  });
  sink.byte(0x5d);
}

/**
 * A bytes/string field in protobuf text format (golang/gogo proto writeString): the
 * bytes, not runes, are walked; \n \r \t \" \\ are escaped, other bytes outside
 * 0x20..0x7e become three-digit octal escapes (src/proto textQuote).
 */
export function writeProtoTextString(sink: ByteSink, b: Uint8Array): void {
  sink.ascii(textQuote(b));
}

/**
 * CompactTextString of an authpb.Permission: proto3 zero values are left out, each field
 * is followed by one space (`permType:WRITE key:"a" range_end:"b" `).
 */
export function writePermissionText(sink: ByteSink, p: Permission): void {
  if (p.permType !== 0) sink.ascii(`permType:${permissionTypeName(p.permType)} `);
  if (p.key.length) {
    sink.ascii('key:');
    writeProtoTextString(sink, p.key);
    sink.byte(0x20);
  }
  if (p.rangeEnd.length) {
    sink.ascii('range_end:');
    writeProtoTextString(sink, p.rangeEnd);
    sink.byte(0x20);
  }
}

/** Go `%v` of []*authpb.Permission: each element's String() inside brackets, space-separated. */
export function writePermissionList(sink: ByteSink, perms: readonly Permission[]): void {
  sink.byte(0x5b);
  perms.forEach((p, i) => {
    if (i > 0) sink.byte(0x20);
    writePermissionText(sink, p);
  });
  sink.byte(0x5d);
}

/** Go `%v` of *authpb.UserAddOptions: `<nil>` for a nil pointer, else its compact text. */
export function writeUserOptionsText(sink: ByteSink, o: UserAddOptions | undefined): void {
  if (o === undefined) sink.ascii('<nil>');
  else if (o.noPassword) sink.ascii('no_password:true ');
}
