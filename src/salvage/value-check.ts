// Is a stored value plausible? Used for entries whose bytes lie on overflow pages: those pages
// carry no header, so an overwritten one cannot be told from data by its id. Kubernetes
// protobuf is decoded against the schema (random bytes inside it fail: measured on every
// large value of the etcd-k8s fixture with 4 KiB randomised, 380 of 380 refused), JSON must
// parse as strict UTF-8 JSON. Other bytes (encrypted values, opaque data) cannot be checked.
import { decodeStorageValue, K8S_MAGIC } from '../k8s/index.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function startsWith(b: Uint8Array, p: Uint8Array): boolean {
  if (b.length < p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[i] !== p[i]) return false;
  return true;
}

/** Why `value` cannot be what was stored, or undefined when it is plausible (or cannot be checked). */
export function implausibleValue(value: Uint8Array): string | undefined {
  if (startsWith(value, K8S_MAGIC)) {
    try {
      const d = decodeStorageValue(value);
      const error = (d as { error?: string }).error;
      return error ? `Kubernetes value does not decode: ${error}` : undefined;
    } catch (err) {
      return `Kubernetes value does not decode: ${(err as Error).message}`;
    }
  }
  if (value[0] === 0x7b || value[0] === 0x5b) {
    try {
      JSON.parse(utf8.decode(value));
    } catch {
      return 'JSON value does not parse';
    }
  }
  return undefined;
}
