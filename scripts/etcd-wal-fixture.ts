// Runs a real etcd 3.4 (Debian etcd-server) on 127.0.0.1 to produce a WAL, for the WAL
// integration test and the dump-logs benchmark. The server is stopped by its PID.
// Writes go through etcd's gRPC gateway (POST /v3/kv/put), so no etcdctl process per put.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EtcdRun {
  dataDir: string;
  /** What etcd reported after the writes (endpoint status). */
  raftIndex: bigint;
  raftTerm: bigint;
  revision: bigint;
  puts: number;
}

export interface EtcdWalOptions {
  /** Value size per put. */
  valueBytes: number;
  /** Number of puts. */
  puts: number;
  /** Then this many small puts of `smallValueBytes` (default 0 / 100). */
  smallPuts?: number;
  smallValueBytes?: number;
  /** Puts in flight at once (etcd batches their fsyncs); default 1. */
  concurrency?: number;
  snapshotCount?: number;
  etcdBinary?: string;
  /** Base port; client = port, peer = port + 1. */
  port?: number;
}

async function waitReady(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`etcd exited early with status ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('etcd did not become healthy in time');
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await r.text();
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}: ${text.slice(0, 200)}`);
  // 64-bit numbers arrive as JSON strings from the gateway
  return JSON.parse(text) as Record<string, unknown>;
}

/** Starts etcd in `dir/data`, writes `puts` values of `valueBytes`, reads its status, stops it. */
export async function makeEtcdWal(dir: string, opts: EtcdWalOptions): Promise<EtcdRun> {
  const dataDir = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const port = opts.port ?? 20000 + Math.floor(Math.random() * 20000);
  const client = `http://127.0.0.1:${port}`;
  const peer = `http://127.0.0.1:${port + 1}`;
  const log = openSync(join(dir, 'etcd.log'), 'w');
  const child = spawn(
    opts.etcdBinary ?? '/usr/bin/etcd',
    [
      '--name', 'wal-it',
      '--data-dir', dataDir,
      '--listen-client-urls', client,
      '--advertise-client-urls', client,
      '--listen-peer-urls', peer,
      '--initial-advertise-peer-urls', peer,
      '--initial-cluster', `wal-it=${peer}`,
      '--initial-cluster-state', 'new',
      '--snapshot-count', String(opts.snapshotCount ?? 50),
      '--quota-backend-bytes', String(8 * 1024 * 1024 * 1024),
      '--max-request-bytes', String(Math.max(1_572_864, opts.valueBytes + 4096)),
      '--logger', 'zap',
    ],
    { stdio: ['ignore', log, log], env: { ...process.env, ETCD_UNSUPPORTED_ARCH: process.env.ETCD_UNSUPPORTED_ARCH ?? '' } },
  );
  closeSync(log);
  try {
    await waitReady(client, child, 20_000);
    const total = opts.puts + (opts.smallPuts ?? 0);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < total; i = next++) {
        const size = i < opts.puts ? opts.valueBytes : (opts.smallValueBytes ?? 100);
        const value = Buffer.alloc(size);
        // incompressible-ish, distinct per put
        for (let j = 0; j + 4 <= size; j += 4) value.writeUInt32LE(((i + 1) * 2654435761 + j * 40503) >>> 0, j);
        await post(`${client}/v3/kv/put`, {
          key: Buffer.from(`/bench/key-${String(i).padStart(7, '0')}`).toString('base64'),
          value: value.toString('base64'),
        });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
    const st = await post(`${client}/v3/maintenance/status`, {});
    const header = st.header as Record<string, string>;
    return {
      dataDir,
      raftIndex: BigInt(String(st.raftIndex)),
      raftTerm: BigInt(String(st.raftTerm)),
      revision: BigInt(header.revision ?? '0'),
      puts: total,
    };
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  process.kill(child.pid, 'SIGTERM');
  const timeout = sleep(15_000).then(() => 'timeout');
  if ((await Promise.race([exited.then(() => 'ok'), timeout])) === 'timeout' && child.exitCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}
