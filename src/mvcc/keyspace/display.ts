// How keys are shown to people: as text when they are printable UTF-8, else Go-quoted
// (so control bytes can never reach a terminal and binary keys stay unambiguous).
import { goQuote, isPrintableUtf8 } from '../../io/go-quote.js';

export function displayKey(key: Uint8Array): string {
  return isPrintableUtf8(key) ? Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('utf8') : goQuote(key);
}
