// The --stream-decoder child process, speaking etcd-dump-logs' line protocol: one hex
// line in per printed entry, one reply line out. Arguments are split on single spaces
// (no shell quoting), as etcd-dump-logs does.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { StreamDecoder } from '../../../wal/dump-logs.js';

export function spawnStreamDecoder(commandLine: string): StreamDecoder {
  const args = commandLine.split(' ');
  const child: ChildProcessWithoutNullStreams = spawn(args[0]!, args.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let spawnError: string | undefined;
  let buffered = '';
  let ended = false;
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buffered += d;
    wake();
  });
  child.stdout.on('end', () => {
    ended = true;
    wake();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.on('error', (err) => {
    spawnError = err.message;
    ended = true;
    wake();
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));

  return {
    async decode(hexLine: string) {
      child.stdin.write(hexLine + '\n');
      for (;;) {
        const nl = buffered.indexOf('\n');
        if (nl >= 0) {
          const line = buffered.slice(0, nl + 1);
          // etcd makes a new bufio.Reader per entry, so anything buffered past the
          // first line is lost; we keep it, which only differs for decoders that
          // answer with more than one line per input.
          buffered = buffered.slice(nl + 1);
          return { line };
        }
        if (ended) return { error: spawnError ? `decoder failed to start: ${spawnError}` : 'EOF' };
        await new Promise<void>((res) => waiters.push(res));
      }
    },
    async close() {
      child.stdin.end();
      const code = await exited;
      if (spawnError) return { stderr, failed: `stream decoder: ${spawnError}` };
      if (code !== 0) return { stderr, failed: `stream decoder exited with status ${code}` };
      return { stderr };
    },
  };
}
