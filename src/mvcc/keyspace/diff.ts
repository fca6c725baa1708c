// Per-key divergence between two members' dbs (or snapshots): what a consistency check
// would localise. Both keyspaces are read at a revision (each at its own current one by
// default); keys are compared by mod revision first, and when those agree by the stored
// value and metadata, which must then be identical on healthy members.
import { sameBytes } from './bytes.js';
import type { Keyspace } from './open.js';
import { collectKeyStates, loadKeyValue, type KeyState } from './listing.js';
import { keyBytes } from './revision-scan.js';
import { resolveReadRevision, storeRevisions } from './store-revision.js';
import type { KeyValue } from '../key-value.js';
import { crc32c } from '../../io/crc32c.js';

export type DifferenceKind =
  /** Live in A only. */
  | 'only-in-a'
  /** Live in B only. */
  | 'only-in-b'
  /** Live in both with different mod revisions. */
  | 'modified'
  /** Same mod revision, different value or create revision/version/lease: real divergence. */
  | 'content';

export interface KeySide {
  modRevision: bigint;
  createRevision: bigint;
  version: bigint;
  lease?: bigint;
  valueSize: number;
  /** CRC-32C of the value (filled for 'content' differences). */
  valueCrc32c?: number;
}

export interface KeyDifference {
  kind: DifferenceKind;
  key: Uint8Array;
  a?: KeySide;
  b?: KeySide;
  /** For 'content': which fields differ. */
  fields?: string[];
}

export interface DiffResult {
  revisionA: bigint;
  revisionB: bigint;
  keysA: number;
  keysB: number;
  differences: KeyDifference[];
}

export interface DiffOptions {
  /** Read both at this revision (0/undefined = each at its current revision). */
  revision?: bigint | number;
}

function side(st: KeyState, kv?: KeyValue): KeySide {
  const s: KeySide = {
    modRevision: BigInt(st.modRevision),
    createRevision: BigInt(st.createRevision),
    version: BigInt(st.version),
    valueSize: st.valueSize,
  };
  if (kv) {
    s.lease = kv.lease;
    s.valueCrc32c = crc32c(kv.value);
  }
  return s;
}


export async function diff(a: Keyspace, b: Keyspace, opts: DiffOptions = {}): Promise<DiffResult> {
  const want = opts.revision === undefined ? undefined : Number(opts.revision);
  const revA = resolveReadRevision(want, await storeRevisions(a));
  const revB = resolveReadRevision(want, await storeRevisions(b));
  const live = async (ks: Keyspace, rev: number) => {
    const m = await collectKeyStates(ks, rev);
    for (const [k, st] of m) if (st.deleted) m.delete(k);
    return m;
  };
  const ma = await live(a, revA);
  const mb = await live(b, revB);
  const keys = new Set<string>([...ma.keys(), ...mb.keys()]);
  const sorted = [...keys].sort();
  const out: KeyDifference[] = [];
  for (const k of sorted) {
    const sa = ma.get(k);
    const sb = mb.get(k);
    if (sa && !sb) out.push({ kind: 'only-in-a', key: keyBytes(k), a: side(sa) });
    else if (!sa && sb) out.push({ kind: 'only-in-b', key: keyBytes(k), b: side(sb) });
    else if (sa && sb) {
      if (sa.modRevision !== sb.modRevision) {
        out.push({ kind: 'modified', key: keyBytes(k), a: side(sa), b: side(sb) });
        continue;
      }
      const [kva, kvb] = [await loadKeyValue(a, sa), await loadKeyValue(b, sb)];
      const fields: string[] = [];
      if (!sameBytes(kva.value, kvb.value)) fields.push('value');
      if (kva.createRevision !== kvb.createRevision) fields.push('create_revision');
      if (kva.version !== kvb.version) fields.push('version');
      if (kva.lease !== kvb.lease) fields.push('lease');
      if (fields.length) out.push({ kind: 'content', key: keyBytes(k), a: side(sa, kva), b: side(sb, kvb), fields });
    }
  }
  return { revisionA: BigInt(revA), revisionB: BigInt(revB), keysA: ma.size, keysB: mb.size, differences: out };
}
