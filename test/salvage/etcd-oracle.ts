// A real etcd 3.4 (Debian etcd-server/etcd-client) serving a db we wrote: `etcdctl snapshot
// restore` of the file, etcd started on the restored data dir (127.0.0.1, free ports, own
// temp dir, stopped by PID), then `get "" --prefix -w json` and `endpoint hashkv -w json`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runCommand, tempDir } from '../helpers.js';

export interface EtcdGetJson {
  header: { revision: number };
  kvs?: { key: string; create_revision: number; mod_revision: number; version: number; value?: string; lease?: number }[];
}

export interface ServedDb {
  /** `etcdctl get "" --prefix -w json` (all keys at the current revision). */
  getAll: EtcdGetJson;
  /** `endpoint hashkv` at the current revision. */
  hashkv: number;
  /** `endpoint hashkv --rev R` for each asked revision ('compacted' when refused). */
  hashkvAt: Map<number, number | 'compacted'>;
  restoreOutput: string;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function freePort(exclude: number[] = []): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = 24000 + Math.floor(Math.random() * 4000);
    if (!exclude.includes(p) && (await portFree(p))) return p;
  }
  throw new Error('no free port in 24000-27999');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ENV = { ...process.env, ETCDCTL_API: '3' };

/** Restores `db` (a snapshot file, or a db with skipHashCheck) and serves it; returns what etcd answers. */
export async function serveWithEtcd(db: string, opts: { skipHashCheck?: boolean; revisions?: number[] } = {}): Promise<ServedDb> {
  const tmp = tempDir('salvage-etcd-');
  const client = await freePort();
  const peer = await freePort([client]);
  const endpoint = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const dataDir = join(tmp.dir, 'etcd');
  let etcd: ChildProcess | undefined;
  try {
    const restore = await runCommand(
      'etcdctl',
      ['snapshot', 'restore', db, '--data-dir', dataDir, '--name', 'salvage', '--initial-cluster', `salvage=${peerUrl}`, '--initial-advertise-peer-urls', peerUrl, ...(opts.skipHashCheck ? ['--skip-hash-check'] : [])],
      { env: ENV },
    );
    if (restore.code !== 0) throw new Error(`etcdctl snapshot restore failed (${restore.code}): ${restore.stderr}`);
    etcd = spawn(
      'etcd',
      ['--name', 'salvage', '--data-dir', dataDir, '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint, '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl, '--initial-cluster', `salvage=${peerUrl}`, '--logger', 'zap', '--log-outputs', join(tmp.dir, 'etcd.log')],
      { stdio: 'ignore' },
    );
    const ctl = (...args: string[]) => runCommand('etcdctl', ['--endpoints', endpoint, '--command-timeout=5s', ...args], { env: ENV });
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {
      if (etcd.exitCode !== null) break;
      healthy = (await ctl('endpoint', 'health')).code === 0;
      if (!healthy) await sleep(200);
    }
    if (!healthy) throw new Error(`etcd did not become healthy on the restored db (exit ${etcd.exitCode}); log ${join(tmp.dir, 'etcd.log')}`);
    const get = await ctl('get', '', '--prefix', '-w', 'json');
    if (get.code !== 0) throw new Error(`etcdctl get: ${get.stderr}`);
    const hk = await ctl('endpoint', 'hashkv', '-w', 'json');
    if (hk.code !== 0) throw new Error(`etcdctl endpoint hashkv: ${hk.stderr}`);
    const hashkvAt = new Map<number, number | 'compacted'>();
    for (const rev of opts.revisions ?? []) {
      const r = await ctl('endpoint', 'hashkv', '--rev', String(rev), '-w', 'json');
      const parsed = JSON.parse(r.stdout.toString() || '[]') as { HashKV: { hash: number } }[];
      hashkvAt.set(rev, parsed.length ? parsed[0]!.HashKV.hash : 'compacted');
    }
    return {
      getAll: JSON.parse(get.stdout.toString()) as EtcdGetJson,
      hashkv: (JSON.parse(hk.stdout.toString()) as { HashKV: { hash: number } }[])[0]!.HashKV.hash,
      hashkvAt,
      restoreOutput: restore.stdout.toString() + restore.stderr,
    };
  } finally {
    if (etcd && etcd.exitCode === null && etcd.signalCode === null) {
      etcd.kill('SIGTERM');
      for (let i = 0; i < 50 && etcd.exitCode === null && etcd.signalCode === null; i++) await sleep(100);
      if (etcd.exitCode === null && etcd.signalCode === null) etcd.kill('SIGKILL');
    }
    tmp.cleanup();
  }
}
