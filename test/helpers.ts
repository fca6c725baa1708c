// Test helpers: locating ../shared, running the built CLI, hashing inputs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { TestContext } from 'node:test';

/** Repository root (tests run from dist/test). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared next to the repo (CI always has it). */
export const SHARED = process.env.ETCD_FORENSICS_SHARED ?? resolve(REPO_ROOT, '..', 'shared');
export const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
export const IN_CI = process.env.CI === 'true';

export function sharedPath(...parts: string[]): string {
  return join(SHARED, ...parts);
}

/**
 * Returns the absolute path of `rel` under ../shared, or undefined after marking the
 * test skipped with a loud warning. Under CI=true a missing path fails the test.
 */
export function requireShared(t: TestContext, rel: string): string | undefined {
  const p = sharedPath(rel);
  if (existsSync(p)) return p;
  const msg = `reference data missing: ${p} (tests that compare with the real tools need ../shared)`;
  if (IN_CI) throw new Error(msg);
  process.stderr.write(`\n!!! SKIPPED: ${msg}\n`);
  t.skip(msg);
  return undefined;
}

/** Like requireShared for tests that need a binary on PATH (etcd, etcdctl). */
export function requireBinary(t: TestContext, name: string): boolean {
  const found = (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, name)));
  if (found) return true;
  const msg = `${name} not found on PATH (apt-get install -y etcd-server etcd-client)`;
  if (IN_CI) throw new Error(msg);
  process.stderr.write(`\n!!! SKIPPED: ${msg}\n`);
  t.skip(msg);
  return false;
}

export interface CliResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/** Runs the built CLI with `args`; `input` is fed on stdin. */
export function runCli(args: string[], opts: { input?: Uint8Array | string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return runCommand(process.execPath, [CLI, ...args], opts);
}

export function runCommand(
  cmd: string,
  args: string[],
  opts: { input?: Uint8Array | string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO_ROOT, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code }));
    child.stdin.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  return h.digest('hex');
}

/** A fresh temp dir, removed by the returned cleanup function. */
export function tempDir(prefix = 'etcd-forensics-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Gunzips `gz` into `dir/name` and returns the path. */
export async function gunzipTo(gz: string, dir: string, name: string): Promise<string> {
  const out = join(dir, name);
  await pipeline(createReadStream(gz), createGunzip(), createWriteStream(out));
  return out;
}

/** xorshift32 (13, 17, 5): a fixed, seedable sequence of uint32 values (deterministic fuzzing). */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free 127.0.0.1 port in [base, base+800), not in `exclude` (for the servers tests start). */
export async function freePort(exclude: number[] = [], base = 23100): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = base + Math.floor(Math.random() * 800);
    if (!exclude.includes(p) && (await portFree(p))) return p;
  }
  throw new Error(`no free port in ${base}-${base + 799}`);
}
