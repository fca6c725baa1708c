// The sole stdout writer. Buffers small writes, honours backpressure, and never calls
// process.exit() so piped output is not cut off (arethetypeswrong#184). EPIPE (the
// reader went away, e.g. `| head`) ends the process quietly.

import { escapeTerminal, escapeTerminalBytes } from '../../io/terminal.js';

let epipe = false;
let installed = false;

/** Makes a closed stdout (EPIPE, e.g. `| head`) end the process quietly; main installs it first. */
export function installEpipeHandler(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      epipe = true;
      process.exitCode = process.exitCode ?? 0;
      // Nothing more can be written; stop doing work.
      process.exit();
    }
    throw err;
  });
}

export class Output {
  private chunks: string[] = [];
  private size = 0;
  private readonly highWater: number;
  private readonly stream: NodeJS.WritableStream;
  /** On a terminal every write goes through the one escaping function; pipes stay byte-exact. */
  private readonly tty: boolean;

  constructor(stream: NodeJS.WritableStream = process.stdout, highWater = 64 * 1024) {
    this.stream = stream;
    this.highWater = highWater;
    this.tty = (stream as { isTTY?: boolean }).isTTY === true;
    if (stream === process.stdout) installEpipeHandler();
  }

  /** Queues text; returns a promise only when the caller must wait for the stream to drain. */
  write(text: string): void | Promise<void> {
    if (this.tty) text = escapeTerminal(text);
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= this.highWater) return this.flush();
  }

  /** Writes `text` + "\n". */
  line(text: string): void | Promise<void> {
    return this.write(text + '\n');
  }

  /** Raw bytes (e.g. `encode` output). Flushes queued text first. */
  async bytes(data: Uint8Array): Promise<void> {
    await this.flush();
    await this.push(this.tty ? escapeTerminalBytes(data) : data);
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0 || epipe) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    await this.push(text);
  }

  private push(data: string | Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const ok = this.stream.write(data, (err) => {
        if (err && (err as NodeJS.ErrnoException).code !== 'EPIPE') reject(err);
      });
      if (ok) resolve();
      else this.stream.once('drain', () => resolve());
    });
  }
}
