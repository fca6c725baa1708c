// Acceptance: a real etcd, crashed on purpose with the db lagging the WAL. The workload runs
// with a long --backend-batch-interval and a large --backend-batch-limit so nothing after the
// first (gracefully stopped) phase reaches the db, then etcd is killed -9. We copy the data
// dir, restart etcd on the original and record what it serves; our replay of the copy must
// give the same keyspace, leases, revision and hashkv, and --only-wal exactly the writes
// that were not in the copied db (the restarted etcd's watch history after the db's revision).
// The same body runs for etcd 3.4 (Debian) and 3.5/3.6 (scripts/oracles.sh → .oracles/bin).
// 127.0.0.1 only, free ports, own temp data dirs, every etcd stopped by its PID.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { IN_CI, REPO_ROOT, freePort, runCommand, tempDir } from '../helpers.js';
import { replayWal, etcdctlKvs, writeReplayedDb, type KeyChange } from '../../src/replay/index.js';
import { openKeyspace, hashKV } from '../../src/mvcc/index.js';

const ORACLES = process.env.ORACLES_BIN ?? join(REPO_ROOT, '.oracles', 'bin');

interface Release {
  name: string;
  etcd: string;
  etcdctl: string;
  /** Built by .ci/run, so missing binaries fail under CI. */
  builtInCi: boolean;
}

const RELEASES: Release[] = [
  { name: '3.4', etcd: '/usr/bin/etcd', etcdctl: '/usr/bin/etcdctl', builtInCi: true },
  { name: '3.5', etcd: join(ORACLES, 'etcd-3.5'), etcdctl: join(ORACLES, 'etcdctl-3.5'), builtInCi: true },
  { name: '3.6', etcd: join(ORACLES, 'etcd-3.6'), etcdctl: join(ORACLES, 'etcdctl-3.6'), builtInCi: true },
];


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function available(t: TestContext, r: Release): boolean {
  const missing = [r.etcd, r.etcdctl].filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  const msg = `etcd ${r.name} not available (${missing.join(', ')}): ${r.name === '3.4' ? 'apt-get install etcd-server etcd-client' : `scripts/oracles.sh etcd-${r.name}`}`;
  if (IN_CI && r.builtInCi) throw new Error(msg);
  process.stderr.write(`\n!!! SKIPPED: ${msg}\n`);
  t.skip(msg);
  return false;
}

interface Kv {
  key: string;
  create_revision: number;
  mod_revision: number;
  version: number;
  value?: string;
  lease?: number;
}

for (const release of RELEASES) {
  test(`etcd ${release.name} killed -9 with the db lagging: replay of the copy equals the restarted etcd`, { timeout: 120_000 }, async (t) => {
    if (!available(t, release)) return;
    const { dir, cleanup } = tempDir('etcd-forensics-crash-');
    t.after(cleanup);
    const client = await freePort([], 24100);
    const peer = await freePort([client], 24100);
    const endpoint = `http://127.0.0.1:${client}`;
    const dataDir = join(dir, 'etcd');
    const running: ChildProcess[] = [];
    t.after(() => {
      for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    });
    const ctl = (args: string[], input?: string) =>
      runCommand(release.etcdctl, ['--endpoints', endpoint, '--command-timeout=5s', ...args], { env: { ...process.env, ETCDCTL_API: '3' }, input });
    const ok = async (args: string[], input?: string): Promise<string> => {
      const r = await ctl(args, input);
      assert.equal(r.code, 0, `etcdctl ${args.join(' ')}: ${r.stderr}`);
      return r.stdout.toString();
    };
    const start = async (lagging: boolean, log: string): Promise<ChildProcess> => {
      const args = [
        '--name', 'crash', '--data-dir', dataDir,
        '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
        '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
        '--initial-cluster', `crash=http://127.0.0.1:${peer}`, '--initial-cluster-state', 'new',
        '--logger', 'zap', '--log-outputs', join(dir, log),
      ];
      if (lagging) args.push('--backend-batch-interval', '1h', '--backend-batch-limit', '1000000');
      const p = spawn(release.etcd, args, { stdio: 'ignore' });
      running.push(p);
      for (let i = 0; i < 100; i++) {
        if (p.exitCode !== null) break;
        if ((await ctl(['endpoint', 'health'])).code === 0) return p;
        await sleep(200);
      }
      assert.fail(`etcd ${release.name} did not become healthy within 20 s (log ${join(dir, log)})`);
    };
    const stop = async (p: ChildProcess, signal: NodeJS.Signals): Promise<void> => {
      const exited = new Promise<void>((r) => p.once('exit', () => r()));
      p.kill(signal);
      await exited;
    };
    const leaseOf = (out: string): string => /lease ([0-9a-f]+) granted/.exec(out)![1]!;

    // Phase 1, reaches the db: a graceful stop commits the backend.
    let etcd = await start(false, 'etcd-1.log');
    for (let i = 0; i < 8; i++) await ok(['put', `/w/base/k${i}`, `v${i}`]);
    const keep = leaseOf(await ok(['lease', 'grant', '600']));
    await ok(['put', '--lease', keep, '/w/base/leased', 'kept']);
    await ok(['put', '/w/a', '1']);
    const phase1Rev = (JSON.parse(await ok(['get', '/w/a', '-w', 'json'])) as { header: { revision: number } }).header.revision;
    await stop(etcd, 'SIGTERM');

    // Phase 2, WAL only: the db is not committed before the kill.
    etcd = await start(true, 'etcd-2.log');
    await ok(['put', '/w/a', '3']);
    // etcd force-commits the backend when it schedules a compaction: compact first, so that
    // every later write stays in the WAL only
    await ok(['compaction', String(phase1Rev - 2)]);
    await ok(['put', '/w/b', '2']);
    const doomed = leaseOf(await ok(['lease', 'grant', '600']));
    const other = leaseOf(await ok(['lease', 'grant', '600']));
    await ok(['put', '--lease', doomed, '/w/l/1', 'x']);
    await ok(['put', '--lease', doomed, '/w/l/2', 'y']);
    await ok(['put', '--lease', other, '/w/l/3', 'z']);
    await ok(['put', '--lease', doomed, '/w/base/k0', 'moved-to-doomed']);
    // txn taking the success branch, then one taking the failure branch
    const t1 = await ok(['txn', '-w', 'json'], 'value("/w/a") = "3"\n\nput /w/t ok\ndel /w/b\n\nput /w/f no\n\n');
    assert.equal((JSON.parse(t1) as { succeeded?: boolean }).succeeded, true);
    const t2 = await ok(['txn', '-w', 'json'], 'mod("/w/a") = "1"\nversion("/w/missing") > "0"\n\nput /w/x never\n\nput /w/t2 failure-branch\nput /w/a 4\n\n');
    assert.notEqual((JSON.parse(t2) as { succeeded?: boolean }).succeeded, true);
    await ok(['lease', 'revoke', doomed]);
    for (let i = 0; i < 3; i++) await ok(['put', `/w/p/${i}`, `p${i}`]);
    await ok(['del', '--prefix', '/w/p/']);
    await ok(['del', '/w/base/k1']);
    await ok(['put', '--ignore-value', '/w/a']);
    await ok(['put', '--prev-kv', '/w/base/k2', 'again']);
    await ok(['put', '/w/final', 'done']);
    await stop(etcd, 'SIGKILL');

    const copy = join(dir, 'copy');
    cpSync(dataDir, copy, { recursive: true });

    // Restart on the original and record what it serves.
    etcd = await start(false, 'etcd-3.log');
    const served = JSON.parse(await ok(['get', '', '--prefix', '-w', 'json'])) as { header: { revision: number }; kvs?: Kv[] };
    const hashkv = (JSON.parse(await ok(['endpoint', 'hashkv', '-w', 'json'])) as { HashKV: { hash: number; compact_revision: number } }[])[0]!.HashKV;
    const leases = ((JSON.parse(await ok(['lease', 'list', '-w', 'json'])) as { leases?: { id: number }[] }).leases ?? []).length;
    const leaseList = (await ok(['lease', 'list'])).split('\n').slice(1).filter(Boolean).sort();

    // Our replay of the copy.
    // A restarted single member elects itself and commits its whole log, entries after the
    // last HardState.commit included (3.6 persists the commit of the last entry a Ready later).
    const replay = await replayWal(copy, { includeUncommitted: true });
    const dbRevision = replay.start.revision;
    const changes: KeyChange[] = [];
    let term = 0n;
    for await (const e of replay.entries()) {
      changes.push(...(e.result?.changes ?? []));
      term = e.term;
    }
    const summary = replay.summary();
    // the compaction's entry is after the db's consistent index (etcd saves the index with
    // write txns only), so it is applied again and refused, by etcd on restart as by us
    const findings = summary.findings.filter((f) => f.code !== 'uncommitted').map((f) => f.message);
    assert.deepEqual(findings, findings.length ? ['compaction failed with ErrCompacted (no change, as in etcd)'] : []);
    // how far the db lags depends on the release (3.5 commits the backend on more requests)
    assert.ok(summary.entriesApplied >= 5 && changes.length >= 5, `the db lagged the WAL (${summary.entriesApplied} entries, ${changes.length} changes replayed)`);
    assert.equal(summary.revision, BigInt(served.header.revision), 'revision');
    assert.deepEqual(etcdctlKvs(replay.state), served.kvs ?? [], 'keyspace (keys, values, create/mod revisions, versions, leases)');
    const ourLeases = [...replay.state.leases.keys()].map((id) => BigInt.asUintN(64, id).toString(16).padStart(16, '0')).sort();
    assert.equal(ourLeases.length, leases);
    assert.deepEqual(ourLeases, leaseList.map((l) => BigInt(`0x${l.trim()}`).toString(16).padStart(16, '0')).sort(), 'leases');
    assert.equal(summary.compactRevision, BigInt(hashkv.compact_revision), 'compact revision');

    // --to-db: our hashkv of the written db equals the restarted etcd's.
    const out = join(dir, 'replayed.db');
    await writeReplayedDb({ replay, changes, lastTerm: term }, out);
    const ks = await openKeyspace(out);
    try {
      assert.equal((await hashKV(ks, 0)).hash, hashkv.hash, 'hashkv of the --to-db output');
    } finally {
      await ks.close();
    }

    // --only-wal: exactly the restarted etcd's history after the copied db's revision.
    const watch = spawn(release.etcdctl, ['--endpoints', endpoint, 'watch', '--prefix', '', '--rev', String(dbRevision + 1n), '-w', 'json'], {
      env: { ...process.env, ETCDCTL_API: '3' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    running.push(watch);
    let text = '';
    watch.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    const want = served.header.revision - Number(dbRevision);
    for (let i = 0; i < 50 && new Set([...text.matchAll(/"mod_revision":(\d+)/g)].map((m) => m[1])).size < want; i++) await sleep(100);
    await stop(watch, 'SIGTERM');
    const history: string[] = [];
    for (const line of text.split('\n').filter((l) => l.startsWith('{'))) {
      for (const ev of (JSON.parse(line) as { Events?: { type?: number; kv: { key: string; mod_revision: number } }[] }).Events ?? []) {
        history.push(`${ev.kv.mod_revision} ${ev.type === 1 ? 'delete' : 'put'} ${Buffer.from(ev.kv.key, 'base64').toString('utf8')}`);
      }
    }
    const cli = await runCommand(process.execPath, [join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'), 'replay', copy, '--only-wal', '--include-uncommitted', '-o', 'json']);
    assert.equal(cli.code, 0, cli.stderr);
    const onlyWal = cli.stdout
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { revision: number; op: string; key: string })
      .map((o) => `${o.revision} ${o.op} ${o.key}`);
    assert.ok(history.length > 0);
    assert.deepEqual(onlyWal, history, '--only-wal lists the writes that were not in the copied db');
    await stop(etcd, 'SIGTERM');
  });
}
