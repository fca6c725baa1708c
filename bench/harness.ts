// Benchmark harness: runs a command as a child process and reports wall time and peak RSS.
// Peak RSS of our CLI comes from the child itself (process.resourceUsage().maxRSS, written
// at exit by rss-reporter); for other programs (cat, Go tools) it is read from
// /proc/<pid>/status VmHWM while the child runs (sampled, so a lower bound).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const REPORTER = join(REPO_ROOT, 'dist', 'bench', 'rss-reporter.js');
/** Generated inputs live here (git-ignored), reused across runs. */
export const BENCH_DATA = process.env.BENCH_DATA ?? join(REPO_ROOT, '.bench-data');

export interface Measurement {
  label: string;
  seconds: number;
  peakRssMB: number | undefined;
  exitCode: number | null;
  /** Bytes of input processed, for MB/s. */
  inputBytes?: number;
}

function sampleHwm(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `cmd args` with stdout to /dev/null. */
export function measure(label: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; inputBytes?: number } = {}): Promise<Measurement> {
  return new Promise((res, rej) => {
    const rssFile = join(tmpdir(), `ef-bench-rss-${process.pid}-${Date.now()}.json`);
    const devnull = openSync('/dev/null', 'w');
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      stdio: ['ignore', devnull, 'pipe'],
      env: { ...process.env, ...opts.env, EF_BENCH_RSS_FILE: rssFile },
    });
    let hwm: number | undefined;
    const timer = setInterval(() => {
      const v = child.pid ? sampleHwm(child.pid) : undefined;
      if (v !== undefined) hwm = Math.max(hwm ?? 0, v);
    }, 20);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => {
      clearInterval(timer);
      closeSync(devnull);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let peak = hwm;
      try {
        const r = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKB: number };
        peak = r.maxRssKB / 1024;
        rmSync(rssFile, { force: true });
      } catch {
        // not our CLI: keep the sampled value
      }
      if (code !== 0) process.stderr.write(`bench: ${label} exited ${code}: ${stderr.slice(0, 500)}\n`);
      res({ label, seconds, peakRssMB: peak, exitCode: code, inputBytes: opts.inputBytes });
    });
  });
}

/** Runs our CLI under the RSS reporter. */
export function measureCli(label: string, args: string[], inputBytes?: number): Promise<Measurement> {
  return measure(label, process.execPath, ['--import', REPORTER, CLI, ...args], { inputBytes });
}

/** Best of `n` runs (first run warms the page cache). */
export async function bestOf(n: number, run: () => Promise<Measurement>): Promise<Measurement> {
  let best: Measurement | undefined;
  for (let i = 0; i < n; i++) {
    const m = await run();
    if (!best || m.seconds < best.seconds) best = m;
  }
  return best!;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

export function formatRow(m: Measurement): string {
  const mbps = m.inputBytes ? `${(m.inputBytes / 1e6 / m.seconds).toFixed(1)} MB/s` : '';
  const rss = m.peakRssMB !== undefined ? `${m.peakRssMB.toFixed(0)} MB` : '?';
  return `${m.label.padEnd(52)} ${m.seconds.toFixed(3).padStart(8)} s  ${mbps.padStart(12)}  peak RSS ${rss.padStart(7)}`;
}
