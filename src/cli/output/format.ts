// Shared output options: `-o/--output` and `--value-format`.
import { Option } from 'commander';
import { goQuote, isPrintableUtf8 } from '../../io/go-quote.js';
import { escapeTerminal } from '../../io/terminal.js';
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
      return escapeTerminal(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));
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

