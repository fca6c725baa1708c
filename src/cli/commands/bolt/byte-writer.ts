// Raw byte output for bbolt's "bytes" format (Go prints string(key) as-is). Buffers lines
// and hands them to Output in large chunks. On a terminal, control characters are escaped
// so key bytes cannot drive it; piped output stays byte-exact.
import type { Output } from '../../output/stdout.js';

const CHUNK = 1 << 20;
const NL = Buffer.from('\n');

export class ByteLineWriter {
  private parts: Uint8Array[] = [];
  private size = 0;
  private readonly escape: boolean;

  constructor(private readonly out: Output) {
    this.escape = process.stdout.isTTY === true;
  }

  /** Queues `bytes` + "\n"; returns a promise when a chunk was flushed (await it in loops). */
  line(bytes: Uint8Array | string): void | Promise<void> {
    let b: Uint8Array = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    if (this.escape) b = escapeControlBytes(b);
    this.parts.push(b, NL);
    this.size += b.length + 1;
    if (this.size >= CHUNK) return this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const data = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await this.out.bytes(data);
  }
}

function escapeControlBytes(b: Uint8Array): Uint8Array {
  let needs = false;
  for (const c of b) if (c < 0x20 || c === 0x7f) needs = true;
  if (!needs) return b;
  const s: number[] = [];
  for (const c of b) {
    if (c < 0x20 || c === 0x7f) for (const ch of Buffer.from('\\x' + c.toString(16).padStart(2, '0'))) s.push(ch);
    else s.push(c);
  }
  return Uint8Array.from(s);
}
