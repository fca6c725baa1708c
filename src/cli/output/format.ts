// Shared output options: `-o/--output` and `--value-format`.
import { Option } from 'commander';
import { goQuote, isPrintableUtf8 } from '../../io/go-quote.js';
import { createHash } from 'node:crypto';

/** `-o, --output <format>` restricted to `choices`. */
export function outputOption(choices: readonly string[], defaultValue: string): Option {
  return new Option('-o, --output <format>', 'output format').choices(choices).default(defaultValue);
}

export const VALUE_FORMATS = ['auto', 'hex', 'base64', 'text', 'quoted', 'redacted'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export function valueFormatOption(defaultValue: ValueFormat = 'auto'): Option {
  return new Option('--value-format <format>', 'how raw byte values are printed').choices(VALUE_FORMATS).default(defaultValue);
}

/**
 * Renders raw bytes for humans. `auto` = text when valid printable UTF-8, else hex (bbolt's
 * auto); `quoted` = Go %q; `redacted` = length + sha256, to share structure without data.
 */
export function formatValue(b: Uint8Array, fmt: ValueFormat): string {
  switch (fmt) {
    case 'hex':
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
    case 'base64':
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
    case 'text':
      return escapeControl(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));
    case 'quoted':
      return goQuote(b);
    case 'redacted':
      return `<redacted len:${b.length} sha256:${createHash('sha256').update(b).digest('hex')}>`;
    case 'auto':
    default:
      return isPrintableUtf8(b)
        ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8')
        : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
  }
}

/** Escapes C0/C1 control characters (except \n and \t) so text cannot drive a terminal. */
export function escapeControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}
