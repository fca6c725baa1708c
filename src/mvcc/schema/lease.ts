// The `lease` bucket: key = lease ID as 8 bytes big-endian, value = leasepb.Lease:
//   message Lease { int64 ID = 1; int64 TTL = 2; int64 RemainingTTL = 3; }
// RemainingTTL is only set by lease checkpointing (etcd 3.4+ with --experimental-enable-lease-checkpoint).
import { CorruptDataError } from '../../errors.js';
import { expectWire, walkFields, WIRE_VARINT, type SchemaOrigin } from './wire.js';

export interface Lease {
  id: bigint;
  ttl: bigint;
  remainingTtl: bigint;
}

/** The lease ID of a `lease` bucket key (int64, big-endian). */
export function decodeLeaseId(key: Uint8Array, origin: SchemaOrigin = {}): bigint {
  if (key.length !== 8) {
    throw new CorruptDataError('mvcc', `lease key of ${key.length} bytes, expected 8 (lease ID)`, { file: origin.file, offset: origin.base });
  }
  return new DataView(key.buffer, key.byteOffset, 8).getBigInt64(0, false);
}

export function decodeLease(value: Uint8Array, origin: SchemaOrigin = {}): Lease {
  const lease: Lease = { id: 0n, ttl: 0n, remainingTtl: 0n };
  walkFields(value, 'leasepb.Lease', origin, (f, r) => {
    if (f.field < 1 || f.field > 3) return false;
    expectWire(f, r, 'leasepb.Lease', ['ID', 'TTL', 'RemainingTTL'][f.field - 1]!, WIRE_VARINT);
    const v = BigInt.asIntN(64, r.uvarint64());
    if (f.field === 1) lease.id = v;
    else if (f.field === 2) lease.ttl = v;
    else lease.remainingTtl = v;
    return true;
  });
  return lease;
}
