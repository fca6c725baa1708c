// dump-logs throughput over a multi-segment WAL written by a real etcd 3.4 (generated
// once with scripts/etcd-wal-fixture.ts and cached in .bench-data/etcd-wal). Reports
// seconds, MB/s of WAL records, entries/s and peak RSS; RSS is also measured on the
// first segment alone to show memory does not grow with the log.
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BENCH_DATA, CLI } from './harness.js';
import { makeEtcdWal } from '../scripts/etcd-wal-fixture.js';
import { walEvents } from '../src/wal/records.js';
import { listWalDir } from '../src/wal/names.js';

const DIR = join(BENCH_DATA, 'etcd-wal');

async function dataset(): Promise<{ dataDir: string; raftIndex: string }> {
  const meta = join(DIR, 'run.json');
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as { dataDir: string; raftIndex: string };
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  process.stderr.write('bench: generating a multi-segment WAL with etcd (once)...\n');
  // ~150 MB of 1 MB values (3 segments) plus 40,000 small puts for entries/s.
  const run = await makeEtcdWal(DIR, { valueBytes: 1_000_000, puts: 150, smallPuts: 40_000, smallValueBytes: 200, concurrency: 32, snapshotCount: 10_000 });
  const out = { dataDir: run.dataDir, raftIndex: run.raftIndex.toString() };
  writeFileSync(meta, JSON.stringify(out));
  return out;
}

async function recordBytes(walDir: string): Promise<{ bytes: number; records: number; entries: number }> {
  const listing = await listWalDir(walDir);
  let bytes = 0;
  let records = 0;
  let entries = 0;
  for await (const ev of walEvents(listing.segments, { verifyCrc: false })) {
    if (ev.kind === 'record') {
      bytes += 8 + ev.recBytes + ev.padBytes;
      records++;
      if (ev.typeName === 'entry') entries++;
    }
  }
  return { bytes, records, entries };
}

interface CpuRun {
  label: string;
  wall: number;
  cpu: number;
  rssMB: number;
  code: number | null;
}

/** Runs our CLI under /usr/bin/time: wall seconds, CPU seconds (user+sys) and peak RSS. */
function timed(label: string, args: string[]): CpuRun {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, CLI, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 24,
  });
  const last = r.stderr.toString().trim().split('\n').pop() ?? '';
  const [wall, user, sys, rss] = last.split(' ').map(Number);
  return { label, wall: wall!, cpu: user! + sys!, rssMB: rss! / 1024, code: r.status };
}

function best(n: number, f: () => CpuRun): CpuRun {
  let b: CpuRun | undefined;
  for (let i = 0; i < n; i++) {
    const m = f();
    if (!b || m.cpu < b.cpu) b = m;
  }
  return b!;
}

function row(m: CpuRun, bytes: number, entries: number): string {
  return (
    `${m.label.padEnd(44)} wall ${m.wall.toFixed(2).padStart(6)} s  cpu ${m.cpu.toFixed(2).padStart(6)} s  ` +
    `${(bytes / 1e6 / m.cpu).toFixed(1).padStart(6)} MB/s(cpu)  ${(entries / m.cpu).toFixed(0).padStart(7)} entries/s(cpu)  ` +
    `peak RSS ${m.rssMB.toFixed(0).padStart(4)} MB${m.code ? `  exit ${m.code}` : ''}`
  );
}

export async function run(): Promise<string[]> {
  if (!existsSync('/usr/bin/etcd')) return ['skipped: /usr/bin/etcd not installed (apt-get install etcd-server)'];
  if (!existsSync('/usr/bin/time')) return ['skipped: /usr/bin/time not installed'];
  const { dataDir, raftIndex } = await dataset();
  const walDir = join(dataDir, 'member', 'wal');
  const segs = readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort();
  const { bytes, records } = await recordBytes(walDir);
  const entries = Number(raftIndex) - 1;
  const lines = [
    `WAL: ${segs.length} segments, ${records} records, ${(bytes / 1e6).toFixed(1)} MB of records, ${entries} entries (etcd raftIndex ${raftIndex})`,
    'MB/s and entries/s are per CPU second (user+sys): wall time on a shared machine is noisy.',
  ];
  lines.push(row(best(3, () => timed('dump-logs --start-index=1 (text)', ['dump-logs', '--start-index=1', dataDir])), bytes, entries));
  lines.push(row(best(2, () => timed('dump-logs --start-index=1 -o json', ['dump-logs', '--start-index=1', '-o', 'json', dataDir])), bytes, entries));
  // replay applies every entry (from an empty store: the bench db is the final one) and prints
  // one line per key change: the apply loop's cost against dump-logs' decoding of the same WAL
  lines.push(row(best(2, () => timed('replay --from-empty --only-wal -o json', ['replay', '--from-empty', '--only-wal', '-o', 'json', dataDir])), bytes, entries));
  lines.push(row(best(2, () => timed('dump-logs --raw', ['dump-logs', '--raw', dataDir])), bytes, entries));
  lines.push(row(best(2, () => timed('verify', ['verify', dataDir])), bytes, entries));
  // memory vs log size: the first segment alone
  const one = join(DIR, 'one-segment');
  rmSync(one, { recursive: true, force: true });
  mkdirSync(one, { recursive: true });
  symlinkSync(join(walDir, segs[0]!), join(one, segs[0]!));
  const oneStats = await recordBytes(one);
  lines.push(row(best(2, () => timed('dump-logs --start-index=1, first segment', ['dump-logs', '--start-index=1', '--wal-dir', one, dataDir])), oneStats.bytes, oneStats.entries));
  const go = ['/usr/bin/etcd-dump-logs', '/usr/local/bin/etcd-dump-logs'].find((p) => existsSync(p));
  lines.push(go ? `etcd-dump-logs found at ${go}: run it by hand for a side-by-side figure` : 'etcd-dump-logs (Go): not installed here, no side-by-side figure');
  return lines;
}
