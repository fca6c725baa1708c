// Runs many CLI invocations in one process (node startup per command dominated the parity
// test): reads a JSON array of argv arrays on stdin, runs each through the real CLI entry
// point `main()` with stdout/stderr captured, prints a JSON array of
// {stdout (base64), stderr, code}. Used by cli-parity.test.ts; not a test file itself.
import { main } from '../../src/cli/main.js';

type Write = typeof process.stdout.write;

async function runOne(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const capture = (sink: Buffer[]): Write =>
    ((chunk: string | Uint8Array, encOrCb?: unknown, cb?: unknown) => {
      sink.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encOrCb === 'string' ? (encOrCb as BufferEncoding) : 'utf8') : Buffer.from(chunk));
      const done = typeof encOrCb === 'function' ? encOrCb : cb;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as Write;
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  process.exitCode = 0;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  try {
    await main(['node', 'etcd-forensics', ...args]);
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout: Buffer.concat(out).toString('base64'), stderr: Buffer.concat(err).toString('utf8'), code };
}

const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const runs = JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[][];
const results = [];
for (const args of runs) results.push(await runOne(args));
process.stdout.write(JSON.stringify(results));
