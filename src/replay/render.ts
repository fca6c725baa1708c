// The replayed keyspace in `etcdctl get --prefix -w json` form (kvs only): keys and values
// base64, revisions and versions as numbers, empty value and zero lease left out as etcd's
// JSON encoder does.
import type { ReplayState } from './state.js';

export interface EtcdctlKv {
  key: string;
  create_revision: number;
  mod_revision: number;
  version: number;
  value?: string;
  lease?: number;
}

export function etcdctlKvs(state: ReplayState, prefix?: Uint8Array): EtcdctlKv[] {
  const p = prefix ? Buffer.from(prefix).toString('latin1') : '';
  const out: EtcdctlKv[] = [];
  for (const k of state.sortedKeys()) {
    if (!k.startsWith(p)) continue;
    const kv = state.keys.get(k)!;
    const o: EtcdctlKv = {
      key: Buffer.from(k, 'latin1').toString('base64'),
      create_revision: Number(kv.createRevision),
      mod_revision: Number(kv.modRevision),
      version: Number(kv.version),
    };
    if (kv.value.length) o.value = Buffer.from(kv.value).toString('base64');
    if (kv.lease !== 0n) o.lease = Number(kv.lease);
    out.push(o);
  }
  return out;
}
