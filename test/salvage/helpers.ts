// Helpers for the salvage tests: the recovered keyspace in etcdctl's `get -w json` shape.
import type { Salvage } from '../../src/salvage/index.js';
import type { EtcdGetJson } from './etcd-oracle.js';

export interface KvJson {
  key: string;
  create_revision: number;
  mod_revision: number;
  version: number;
  value: string;
  lease: number;
}

/** etcdctl's get -w json kvs, normalised (value '' and lease 0 where etcdctl omits them). */
export function kvsOf(g: EtcdGetJson): KvJson[] {
  return (g.kvs ?? []).map((k) => ({ key: k.key, create_revision: k.create_revision, mod_revision: k.mod_revision, version: k.version, value: k.value ?? '', lease: Number(k.lease ?? 0) }));
}

/** The salvaged keyspace at `rev` in the same shape. */
export async function salvagedKvs(s: Salvage, rev = 0, includeUncertain = false): Promise<KvJson[]> {
  return (await s.keyspaceAt(rev, { certainOnly: !includeUncertain })).map((e) => ({
    key: Buffer.from(e.kv.key).toString('base64'),
    create_revision: Number(e.kv.createRevision),
    mod_revision: Number(e.kv.modRevision),
    version: Number(e.kv.version),
    value: Buffer.from(e.kv.value).toString('base64'),
    lease: Number(e.kv.lease),
  }));
}
