// Encryption audit of the live keyspace against an EncryptionConfiguration (`analyze
// --encryption-config`): per group-resource, how many live values are stored by which
// provider and key, how many are plain although the config's first provider encrypts, and
// which do not decrypt. Reads every live value once.
import type { Keyspace } from './open.js';
import { listKeys, loadKeyValue } from './listing.js';
import { decryptStorageValue, DecryptionError, groupResourceForKey, parseEncryptionEnvelope, type EncryptionConfig } from '../../k8s/encryption/index.js';

export interface ResourceEncryption {
  /** `secrets`, `deployments.apps`, or the first path segment for keys outside /registry. */
  resource: string;
  /** What the apiserver writes it with now: the first provider for the resource ("identity" when none). */
  writeProvider: string;
  /** Live values by `provider:key` as stored ("identity" for plain ones). */
  stored: Record<string, number>;
  /** Plain values where the config's first provider encrypts (rewrite them, e.g. `kubectl replace`). */
  plainButShouldBeEncrypted: number;
  /** Encrypted values that are read, but not by the first provider (stale: the apiserver rewrites them on update). */
  stale: number;
  undecryptable: number;
}

export interface EncryptionAudit {
  resources: ResourceEncryption[];
  /** One DecryptionError per undecryptable value (names the key, provider, key name; no key material). */
  failures: DecryptionError[];
}

export async function encryptionAudit(ks: Keyspace, config: EncryptionConfig, opts: { etcdPrefix?: string } = {}): Promise<EncryptionAudit> {
  const listing = await listKeys(ks, { skipDamaged: true });
  const byResource = new Map<string, ResourceEncryption>();
  const failures: DecryptionError[] = [];
  for (const st of listing.keys) {
    const kv = await loadKeyValue(ks, st);
    const etcdKey = Buffer.from(kv.key).toString('utf8');
    const gr = groupResourceForKey(etcdKey, opts.etcdPrefix);
    const name = gr ? (gr.group ? `${gr.resource}.${gr.group}` : gr.resource) : (etcdKey.split('/')[1] ?? '');
    let r = byResource.get(name);
    if (!r) {
      const first = gr ? config.providersFor(gr)?.[0] : undefined;
      const writeProvider = !first ? 'identity' : first.type === 'kms' ? `kms ${first.apiVersion}:${first.name}` : first.type === 'identity' ? 'identity' : `${first.type}:${first.keys[0]!.name}`;
      byResource.set(name, (r = { resource: name, writeProvider, stored: Object.create(null) as Record<string, number>, plainButShouldBeEncrypted: 0, stale: 0, undecryptable: 0 }));
    }
    const env = parseEncryptionEnvelope(kv.value);
    const slot = env ? `${env.provider === 'kms' ? `kms ${env.version}` : env.provider}:${env.keyName}` : 'identity';
    r.stored[slot] = (r.stored[slot] ?? 0) + 1;
    if (!env) {
      if (r.writeProvider !== 'identity') r.plainButShouldBeEncrypted++;
      continue;
    }
    try {
      if (decryptStorageValue(kv.value, { config, etcdKey, resource: gr }).stale) r.stale++;
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      r.undecryptable++;
      failures.push(e);
    }
  }
  const resources = [...byResource.values()].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  return { resources, failures };
}
