// JSON text with exact 64-bit integers: bigint values are written as bare digits, so
// revisions, ids and hashes survive `-o json` without going through a float.
// Uint8Array values are written as base64 strings.

export function stringifyJson(value: unknown, indent = 0): string {
  const pad = indent > 0 ? ' '.repeat(indent) : '';
  return write(value, pad, '');
}

function write(v: unknown, pad: string, cur: string): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return JSON.stringify(v);
    case 'object':
      break;
    default:
      return 'null';
  }
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'));
  const inner = cur + pad;
  const nl = pad ? '\n' : '';
  const sep = pad ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => (pad ? inner : '') + write(x, pad, inner));
    return '[' + nl + items.join(',' + nl) + nl + (pad ? cur : '') + ']';
  }
  if (v instanceof Map) {
    return write(Object.fromEntries(v), pad, cur);
  }
  const obj = v as Record<string, unknown>;
  if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
    return write((obj as { toJSON: () => unknown }).toJSON(), pad, cur);
  }
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (keys.length === 0) return '{}';
  const items = keys.map((k) => (pad ? inner : '') + JSON.stringify(k) + sep + write(obj[k], pad, inner));
  return '{' + nl + items.join(',' + nl) + nl + (pad ? cur : '') + '}';
}
