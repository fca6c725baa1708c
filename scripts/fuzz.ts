// `npm run fuzz -- <target|all> [--seconds N] [--seed S]`: plain mutation fuzzing (no
// coverage engine: see the note in the report) of the library's parsers. Cases run in a
// worker thread with a heap and stack limit and a per-case time limit; outcomes are
// classified (clean error / wrong-type exception / stack overflow / hang / memory) and each
// finding is saved under test/hostile/regressions/ (test/hostile/regressions.test.ts
// replays them on every `npm test`).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForensicsError } from '../src/errors.js';
import { TARGETS } from './fuzz/targets.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = process.env.ETCD_FORENSICS_SHARED ? join(process.env.ETCD_FORENSICS_SHARED, 'fixtures') : resolve(REPO, '..', 'shared', 'fixtures');
const CASE_MS = 5000;

type Outcome = 'ok' | 'clean-error' | 'wrong-type' | 'stack-overflow' | 'hang' | 'memory';

function classify(err: unknown): Outcome {
  if (err instanceof ForensicsError) return 'clean-error';
  if (err instanceof RangeError && /call stack/.test(err.message)) return 'stack-overflow';
  return 'wrong-type';
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** One mutation: byte flips, a truncation, a duplicated or deleted run, an interesting value. */
export function mutate(b: Uint8Array, r: () => number): Uint8Array {
  let out = Uint8Array.from(b);
  const n = 1 + (r() % 4);
  for (let k = 0; k < n && out.length > 0; k++) {
    const at = r() % out.length;
    switch (r() % 6) {
      case 0:
        out[at] = out[at]! ^ (1 << (r() % 8));
        break;
      case 1:
        out[at] = r() & 0xff;
        break;
      case 2:
        out = out.subarray(0, at);
        break;
      case 3: {
        const len = Math.min(out.length - at, 1 + (r() % 64));
        out = Uint8Array.from([...out.subarray(0, at + len), ...out.subarray(at, at + len), ...out.subarray(at + len)]);
        break;
      }
      case 4: {
        const len = Math.min(out.length - at, 1 + (r() % 64));
        out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + len)]);
        break;
      }
      default: {
        const vals = [0x00, 0xff, 0x7f, 0x80, 0x1b, 0x9b];
        out[at] = vals[r() % vals.length]!;
      }
    }
  }
  return out;
}

if (!isMainThread) {
  const { target, input } = workerData as { target: string; input: Uint8Array };
  const t = TARGETS[target]!;
  t.run(input).then(
    () => parentPort!.postMessage('ok'),
    (e: unknown) => parentPort!.postMessage(classify(e) + '\t' + String((e as Error)?.message ?? e).slice(0, 200)),
  );
} else {
  const args = process.argv.slice(2);
  const name = args[0] ?? 'all';
  const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 30) || 30;
  const seed = Number(args.includes('--seed') ? args[args.indexOf('--seed') + 1] : Date.now() & 0xffffffff);
  const names = name === 'all' ? Object.keys(TARGETS) : [name];
  let findings = 0;
  for (const tn of names) {
    const t = TARGETS[tn];
    if (!t) {
      console.error(`fuzz: unknown target ${tn} (targets: ${Object.keys(TARGETS).join(', ')})`);
      process.exit(2);
    }
    const seeds = t.seeds(FIXTURES);
    if (seeds.length === 0) {
      console.error(`fuzz: ${tn}: no seed files under ${FIXTURES}; skipped`);
      continue;
    }
    const r = rng(seed);
    const counts: Record<Outcome, number> = { ok: 0, 'clean-error': 0, 'wrong-type': 0, 'stack-overflow': 0, hang: 0, memory: 0 };
    const end = Date.now() + seconds * 1000;
    let execs = 0;
    while (Date.now() < end) {
      let input = mutate(seeds[r() % seeds.length]!, r);
      if (t.fix) input = t.fix(input);
      const outcome = await runCase(tn, input);
      execs++;
      const kind = outcome.split('\t')[0] as Outcome;
      counts[kind]++;
      if (kind !== 'ok' && kind !== 'clean-error') {
        findings++;
        const dir = join(REPO, 'test', 'hostile', 'regressions', tn);
        mkdirSync(dir, { recursive: true });
        const file = join(dir, createHash('sha256').update(input).digest('hex').slice(0, 16) + '.bin');
        writeFileSync(file, input);
        console.error(`fuzz: ${tn}: ${outcome} -> ${file}`);
      }
    }
    console.log(`fuzz: ${tn}: ${execs} execs in ${seconds} s (seed ${seed}): ${JSON.stringify(counts)}`);
  }
  process.exitCode = findings ? 1 : 0;
}

/** Runs one case in a fresh worker with a 256 MB heap, a 4 MB stack and a time limit. */
function runCase(target: string, input: Uint8Array): Promise<string> {
  return new Promise((done) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { target, input }, resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 } });
    const timer = setTimeout(() => {
      void w.terminate();
      done('hang');
    }, CASE_MS);
    w.once('message', (m: string) => {
      clearTimeout(timer);
      void w.terminate();
      done(m);
    });
    w.once('error', (e: Error) => {
      clearTimeout(timer);
      done(/ERR_WORKER_OUT_OF_MEMORY|heap/.test(String((e as NodeJS.ErrnoException).code ?? e.message)) ? 'memory' : classify(e) + '\t' + e.message.slice(0, 200));
    });
  });
}
