// The key/value pairs in `etcdctl get` output, for `decode`:
//   simple (default):  key "\n" value "\n", repeated (`--prefix`), values printed raw
//   -w json:           {"header":{...},"kvs":[{"key":<base64>,"value":<base64>,...}],"count":N}
// Values are binary and may hold "\n", so a value's end is found from what it is: a k8s
// protobuf value (k8s\0 + runtime.Unknown) by walking its fields, a JSON value by matching
// its brackets; anything else (k8s:enc: ciphertext, plain text) runs to the next line that
// starts with "/" (a key), or to the end.

export interface EtcdctlPair {
  /** Null for input that is a bare value (no key line). */
  key: Uint8Array | null;
  value: Uint8Array;
}

const NL = 0x0a;
const SLASH = 0x2f;
const K8S_MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** Every pair in `etcdctl get` output, or the input as one bare value. */
export function parseEtcdctlGet(input: Uint8Array): EtcdctlPair[] {
  const json = parseJsonOutput(input);
  if (json) return json;
  if (input[0] !== SLASH) return [{ key: null, value: stripOneNewline(input) }];
  const pairs: EtcdctlPair[] = [];
  let p = 0;
  while (p < input.length) {
    const nl = input.indexOf(NL, p);
    if (nl < 0) {
      // A key line with no value line: a bare value that starts with "/".
      if (pairs.length === 0) return [{ key: null, value: stripOneNewline(input) }];
      break;
    }
    const key = input.subarray(p, nl);
    const start = nl + 1;
    const end = valueEnd(input, start);
    pairs.push({ key, value: input.subarray(start, end) });
    p = end < input.length && input[end] === NL ? end + 1 : end;
  }
  return pairs;
}

function stripOneNewline(v: Uint8Array): Uint8Array {
  return v.length > 0 && v[v.length - 1] === NL ? v.subarray(0, v.length - 1) : v;
}

/** End (exclusive) of the value starting at `start`; input[end] is its "\n" or the end. */
function valueEnd(b: Uint8Array, start: number): number {
  const proto = protoEnd(b, start);
  if (proto !== undefined) return proto;
  const json = jsonEnd(b, start);
  if (json !== undefined) {
    // The apiserver's JSON serializer stores a trailing "\n" of its own.
    return json < b.length && b[json] === NL && (json + 1 >= b.length || b[json + 1] === NL) ? json + 1 : json;
  }
  for (let i = b.indexOf(NL, start); i >= 0; i = b.indexOf(NL, i + 1)) {
    if (i + 1 >= b.length || b[i + 1] === SLASH) return i;
  }
  return b.length;
}

/** k8s\0 + protobuf fields in ascending order; ends where a "\n" cannot be the next field. */
function protoEnd(b: Uint8Array, start: number): number | undefined {
  for (let i = 0; i < 4; i++) if (b[start + i] !== K8S_MAGIC[i]) return undefined;
  let p = start + 4;
  let lastField = 0;
  while (p < b.length) {
    if (b[p] === NL && (lastField > 1 || p + 1 >= b.length)) return p;
    const tag = readVarint(b, p);
    if (!tag) return undefined;
    const field = Number(tag.value >> 3n);
    const wire = Number(tag.value & 7n);
    if (field < lastField || field === 0) return undefined;
    p = tag.next;
    if (wire === 0) {
      const v = readVarint(b, p);
      if (!v) return undefined;
      p = v.next;
    } else if (wire === 2) {
      const len = readVarint(b, p);
      if (!len || len.value > BigInt(b.length - len.next)) return undefined;
      p = len.next + Number(len.value);
    } else if (wire === 5) p += 4;
    else if (wire === 1) p += 8;
    else return undefined;
    lastField = field;
  }
  return p <= b.length ? b.length : undefined;
}

function readVarint(b: Uint8Array, p: number): { value: bigint; next: number } | undefined {
  let v = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (p >= b.length) return undefined;
    const c = b[p++]!;
    v |= BigInt(c & 0x7f) << shift;
    if (!(c & 0x80)) return { value: v, next: p };
  }
  return undefined;
}

/** End of one JSON object or array starting at `start` (strings and escapes respected). */
function jsonEnd(b: Uint8Array, start: number): number | undefined {
  if (b[start] !== 0x7b && b[start] !== 0x5b) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < b.length; i++) {
    const c = b[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return undefined;
}

/** `etcdctl get -w json` output: an object with "kvs" of base64 key/value. */
function parseJsonOutput(input: Uint8Array): EtcdctlPair[] | undefined {
  if (input[0] !== 0x7b) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(input));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || !('header' in doc)) return undefined;
  const kvs = (doc as { kvs?: unknown }).kvs;
  if (kvs === undefined) return [];
  if (!Array.isArray(kvs)) return undefined;
  const pairs: EtcdctlPair[] = [];
  for (const kv of kvs as { key?: unknown; value?: unknown }[]) {
    if (typeof kv?.key !== 'string') return undefined;
    pairs.push({ key: base64(kv.key), value: typeof kv.value === 'string' ? base64(kv.value) : new Uint8Array(0) });
  }
  return pairs;
}

function base64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
