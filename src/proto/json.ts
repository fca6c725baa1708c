// Decoded messages as JSON-ready values: bytes become {base64, text?} (text only when the
// bytes are printable UTF-8), 64-bit integers stay bigint (stringifyJson prints digits),
// enums become their names. Redaction replaces sensitive byte fields.
import { isPrintableUtf8 } from '../io/go-quote.js';
import { messageInfo, type DecodedMessage, type FieldInfo, type MessageInfo, type ProtoValue } from './decode.js';

/** Field names whose values `redact` hides: values, v2 values and passwords. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set(['value', 'password', 'hashedPassword', 'Val', 'PrevValue', 'simple_token']);

export interface JsonOptions {
  redact?: boolean;
}

export interface JsonBytes {
  base64?: string;
  text?: string;
  redacted?: true;
  length?: number;
}

export function bytesJson(b: Uint8Array): JsonBytes {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const out: JsonBytes = { base64: buf.toString('base64') };
  if (isPrintableUtf8(b)) out.text = buf.toString('utf8');
  return out;
}

export function messageJson(type: MessageInfo | string, msg: DecodedMessage, opts: JsonOptions = {}): Record<string, unknown> {
  const info = typeof type === 'string' ? messageInfo(type) : type;
  const out: Record<string, unknown> = {};
  for (const fi of info.fields) {
    const v = msg[fi.name];
    if (v === undefined) continue;
    out[fi.name] = fi.repeated ? (v as ProtoValue[]).map((el) => valueJson(fi, el, opts)) : valueJson(fi, v, opts);
  }
  return out;
}

function valueJson(fi: FieldInfo, v: ProtoValue, opts: JsonOptions): unknown {
  switch (fi.kind) {
    case 'message':
      return messageJson(fi.message!, v as DecodedMessage, opts);
    case 'bytes': {
      const b = v as Uint8Array;
      if (opts.redact && SENSITIVE_FIELDS.has(fi.name)) return { redacted: true, length: b.length };
      return fi.isString && isPrintableUtf8(b) ? Buffer.from(b).toString('utf8') : bytesJson(b);
    }
    case 'enum':
      return fi.enumValues!.get(v as number) ?? v;
    default:
      return v;
  }
}
