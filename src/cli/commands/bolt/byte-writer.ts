// Raw byte output for bbolt's "bytes" format (Go prints string(key) as-is). Buffers lines
// and hands them to Output in large chunks. On a terminal, control characters are escaped
// so key bytes cannot drive it; piped output stays byte-exact.
import type { Output } from '../../output/stdout.js';
import { escapeTerminalBytes } from '../../../io/terminal.js';

const CHUNK = 1 << 20;

export class ByteLineWriter {
  // Lines are copied into one chunk buffer at once, so no per-line objects outlive the call
  // (holding key views until a flush kept cache blocks alive and made the GC work hard).
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private readonly escape: boolean;

  constructor(private readonly out: Output) {
    this.escape = process.stdout.isTTY === true;
  }

  /** Queues `bytes` + "\n"; returns a promise when a chunk was flushed (await it in loops). */
  line(bytes: Uint8Array | string): void | Promise<void> {
    let b: Uint8Array = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    if (this.escape) b = escapeTerminalBytes(b);
    if (this.pos + b.length + 1 > this.buf.length) return this.flushThen(b);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    this.buf[this.pos++] = 0x0a;
  }

  private async flushThen(b: Uint8Array): Promise<void> {
    await this.flush();
    if (b.length + 1 > this.buf.length) {
      await this.out.bytes(Buffer.concat([b, Buffer.from('\n')]));
      return;
    }
    this.buf.set(b, 0);
    this.pos = b.length;
    this.buf[this.pos++] = 0x0a;
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const data = this.buf.subarray(0, this.pos);
    // Output may hold `data` until written: continue in a fresh chunk.
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
    await this.out.bytes(data);
  }
}
