// EncryptionConfiguration (apiserver.config.k8s.io/v1), the file kube-apiserver reads with
// --encryption-provider-config, parsed and checked as k8s.io/apiserver's encryptionconfig
// package does (pkg/server/options/encryptionconfig/config.go): each resources[] rule maps
// group-resources to an ordered provider list; `*.group` and `*.*` wildcards; a rule masked by
// an earlier wildcard is an error; lookup is exact, then `*.<group>`, then `*.*`, else identity.
//
// Key material never leaves this module's NamedKey objects: it is held in a private field, so
// JSON.stringify, util.inspect and error messages cannot show it.
import yaml from 'js-yaml';
import { ForensicsError } from '../../errors.js';

export class EncryptionConfigError extends ForensicsError {
  override readonly code: string = 'ENCRYPTION_CONFIG';
  constructor(detail: string, source?: string) {
    super('encryption-config', detail, source === undefined ? {} : { file: source });
  }
}

/** One named key of an aescbc/aesgcm/secretbox provider. */
export class NamedKey {
  readonly name: string;
  readonly #secret: Uint8Array;
  constructor(name: string, secret: Uint8Array) {
    this.name = name;
    this.#secret = secret;
  }
  /** The key bytes (for the transformers only). */
  secretBytes(): Uint8Array {
    return this.#secret;
  }
  get size(): number {
    return this.#secret.length;
  }
  toJSON(): { name: string } {
    return { name: this.name };
  }
}

export type KeyedProviderType = 'aescbc' | 'aesgcm' | 'secretbox';

export type ProviderConfig =
  | { type: KeyedProviderType; keys: NamedKey[] }
  | { type: 'identity' }
  | { type: 'kms'; apiVersion: 'v1' | 'v2'; name: string; endpoint: string; timeout?: string };

export interface GroupResource {
  group: string;
  resource: string;
}

export interface ResourceRule {
  resources: string[];
  providers: ProviderConfig[];
}

export interface EncryptionConfig {
  rules: ResourceRule[];
  /** The providers the apiserver uses for a group-resource, in order; undefined = not configured (identity). */
  providersFor(gr: GroupResource): ProviderConfig[] | undefined;
  /** Where the config came from (file name), for messages. */
  source?: string;
}

/** schema.ParseGroupResource: "deployments.apps" → {apps, deployments}; "secrets" → {"", secrets}. */
export function parseGroupResource(s: string): GroupResource {
  const dot = s.indexOf('.');
  return dot < 0 ? { group: '', resource: s } : { group: s.slice(dot + 1), resource: s.slice(0, dot) };
}

function grText(gr: GroupResource): string {
  if (gr.group === '' && gr.resource === '*') return '*.';
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

const grKey = (gr: GroupResource): string => `${gr.resource}\u0000${gr.group}`;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeSecret(s: string, keyName: string, source?: string): Uint8Array {
  // Go's base64.StdEncoding: padded standard alphabet, length a multiple of 4
  if (!BASE64.test(s) || s.length % 4 !== 0) throw new EncryptionConfigError(`could not obtain secret for named key ${keyName}: illegal base64 data`, source);
  return Uint8Array.from(Buffer.from(s, 'base64'));
}

function parseKeys(type: KeyedProviderType, v: unknown, where: string, source?: string): NamedKey[] {
  const keys = isObj(v) ? v['keys'] : undefined;
  if (!Array.isArray(keys) || keys.length === 0) throw new EncryptionConfigError(`${where}: ${type === 'secretbox' ? 'secretbox' : 'aes'} provider has no valid keys`, source);
  const out: NamedKey[] = [];
  for (const k of keys) {
    const name = isObj(k) && typeof k['name'] === 'string' ? k['name'] : '';
    const secret = isObj(k) && typeof k['secret'] === 'string' ? k['secret'] : '';
    if (name === '') throw new EncryptionConfigError(`${where}: key with invalid name provided`, source);
    if (secret === '') throw new EncryptionConfigError(`${where}: key ${name} has no provided secret`, source);
    const bytes = decodeSecret(secret, name, source);
    if (type === 'secretbox' ? bytes.length !== 32 : ![16, 24, 32].includes(bytes.length)) {
      throw new EncryptionConfigError(
        `${where}: key ${name}: ${type === 'secretbox' ? `expected key size 32 for secretbox provider, got ${bytes.length}` : `invalid AES key size ${bytes.length} (16, 24 or 32 bytes)`}`,
        source,
      );
    }
    out.push(new NamedKey(name, bytes));
  }
  return out;
}

function parseProvider(p: unknown, where: string, source?: string): ProviderConfig {
  if (!isObj(p)) throw new EncryptionConfigError(`${where}: a provider must be an object`, source);
  const kinds = Object.keys(p).filter((k) => p[k] !== null && p[k] !== undefined);
  if (kinds.length !== 1) throw new EncryptionConfigError(`${where}: provider does not contain exactly one of the expected providers: kms, aesgcm, aescbc, secretbox, identity`, source);
  const kind = kinds[0]!;
  switch (kind) {
    case 'aescbc':
    case 'aesgcm':
    case 'secretbox':
      return { type: kind, keys: parseKeys(kind, p[kind], `${where}.${kind}`, source) };
    case 'identity':
      return { type: 'identity' };
    case 'kms': {
      const k = p[kind];
      if (!isObj(k) || typeof k['name'] !== 'string' || k['name'] === '') throw new EncryptionConfigError(`${where}.kms: name is required`, source);
      const apiVersion = k['apiVersion'] === undefined ? 'v1' : k['apiVersion'];
      if (apiVersion !== 'v1' && apiVersion !== 'v2') throw new EncryptionConfigError(`${where}.kms: unsupported KMS API version ${JSON.stringify(apiVersion)}`, source);
      const endpoint = typeof k['endpoint'] === 'string' ? k['endpoint'] : '';
      const out: ProviderConfig = { type: 'kms', apiVersion, name: k['name'], endpoint };
      if (typeof k['timeout'] === 'string') out.timeout = k['timeout'];
      return out;
    }
    default:
      throw new EncryptionConfigError(`${where}: unknown provider ${JSON.stringify(kind)} (expected kms, aesgcm, aescbc, secretbox, identity)`, source);
  }
}

/** Parses an EncryptionConfiguration (YAML or JSON). Throws EncryptionConfigError (never showing key material). */
export function loadEncryptionConfig(text: string, source?: string): EncryptionConfig {
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (e) {
    // js-yaml's message quotes the offending lines, which may hold keys: keep reason and position only
    const err = e as { reason?: string; mark?: { line: number; column: number } };
    const at = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    throw new EncryptionConfigError(`not valid YAML or JSON${at}: ${err.reason ?? 'parse error'}`, source);
  }
  if (!isObj(doc)) throw new EncryptionConfigError('expected an EncryptionConfiguration object', source);
  if (doc['kind'] !== 'EncryptionConfiguration') throw new EncryptionConfigError(`kind is ${JSON.stringify(doc['kind'] ?? '')}, expected EncryptionConfiguration`, source);
  if (doc['apiVersion'] !== 'apiserver.config.k8s.io/v1') throw new EncryptionConfigError(`apiVersion is ${JSON.stringify(doc['apiVersion'] ?? '')}, expected apiserver.config.k8s.io/v1`, source);
  const resources = doc['resources'];
  if (!Array.isArray(resources) || resources.length === 0) throw new EncryptionConfigError('resources: at least one rule is required', source);

  const rules: ResourceRule[] = [];
  const byGr = new Map<string, ProviderConfig[]>();
  resources.forEach((r, i) => {
    const where = `resources[${i}]`;
    if (!isObj(r)) throw new EncryptionConfigError(`${where}: must be an object`, source);
    const names = r['resources'];
    const provs = r['providers'];
    if (!Array.isArray(names) || names.length === 0 || !names.every((n): n is string => typeof n === 'string' && n !== '')) {
      throw new EncryptionConfigError(`${where}.resources: a non-empty list of resource names is required`, source);
    }
    if (!Array.isArray(provs) || provs.length === 0) throw new EncryptionConfigError(`${where}.providers: at least one provider is required`, source);
    const providers = provs.map((p, j) => parseProvider(p, `${where}.providers[${j}]`, source));
    rules.push({ resources: names, providers });
    for (const name of names) {
      const gr = parseGroupResource(name);
      const anyInGroup = { group: gr.group, resource: '*' };
      if (byGr.has(grKey(anyInGroup))) throw new EncryptionConfigError(`resource "${grText(gr)}" is masked by earlier rule "${grText(anyInGroup)}"`, source);
      if (byGr.has(grKey({ group: '*', resource: '*' }))) throw new EncryptionConfigError(`resource "${grText(gr)}" is masked by earlier rule "*.*"`, source);
      const list = byGr.get(grKey(gr)) ?? [];
      list.push(...providers);
      byGr.set(grKey(gr), list);
    }
  });
  const config: EncryptionConfig = {
    rules,
    providersFor(gr) {
      return byGr.get(grKey(gr)) ?? byGr.get(grKey({ group: gr.group, resource: '*' })) ?? byGr.get(grKey({ group: '*', resource: '*' }));
    },
  };
  if (source !== undefined) config.source = source;
  return config;
}
