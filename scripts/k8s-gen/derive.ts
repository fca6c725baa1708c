// Derives the GenNode tree of every kind from the testdata of every release.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseWire, utf8OrUndefined } from '../../src/k8s/wire.js';
import { JObj, parseJson } from '../../src/io/json-value.js';
import { GenNode } from './model.js';
import { Matcher } from './match.js';

export const K8S_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface TestCase {
  release: string;
  name: string;
  pb: string;
  json: string;
  yaml: string | undefined;
}

/** Release directories, newest first (HEAD, then by version descending). */
export function listReleases(testdata: string): string[] {
  const ver = (r: string): number[] => (r === 'HEAD' ? [999] : r.replace(/^v/, '').split('.').map(Number));
  return readdirSync(testdata)
    .filter((d) => d === 'HEAD' || /^v\d+\.\d+\.\d+$/.test(d))
    .sort((a, b) => {
      const x = ver(a);
      const y = ver(b);
      for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
      return 0;
    });
}

/** One release's data: its directory name (`v1.29.0`, `HEAD`) under `root`. */
export interface ReleaseData {
  release: string;
  root: string;
}

/**
 * Every release of the k8s-api data, newest first: `testdata/` (1.19 … HEAD, filled-in values)
 * and `testdata-fuzzed/` (1.14 … 1.18, random values) when present. Both name each release
 * once; a release in both is read from `testdata/`.
 */
export function releaseData(api: string): ReleaseData[] {
  const out: ReleaseData[] = [];
  const seen = new Set<string>();
  for (const sub of ['testdata', 'testdata-fuzzed']) {
    const root = join(api, sub);
    if (!existsSync(root)) continue;
    for (const release of listReleases(root)) {
      if (seen.has(release)) continue;
      seen.add(release);
      out.push({ release, root });
    }
  }
  const ver = (r: string): number[] => (r === 'HEAD' ? [999] : r.replace(/^v/, '').split('.').map(Number));
  return out.sort((a, b) => {
    const x = ver(a.release);
    const y = ver(b.release);
    for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
    return 0;
  });
}

/** `v1.29.0` → `1.29`, HEAD stays. */
export function releaseName(release: string): string {
  return release.replace(/^v/, '').replace(/\.0$/, '');
}

/** Every `<name>.pb` with a `<name>.json` beside it (triplets, incl. after_roundtrip ones that have JSON). */
export function listCases(testdata: string, release: string): TestCase[] {
  const dir = join(testdata, release);
  const out: TestCase[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.pb')) continue;
    const name = f.slice(0, -3);
    const json = join(dir, name + '.json');
    if (!existsSync(json)) continue;
    const yaml = join(dir, name + '.yaml');
    out.push({ release, name, pb: join(dir, f), json, yaml: existsSync(yaml) ? yaml : undefined });
  }
  return out;
}

/** Splits `k8s\0` + runtime.Unknown into typeMeta and the raw object range. */
export function splitEnvelope(buf: Uint8Array): { apiVersion: string; kind: string; start: number; end: number } {
  for (let i = 0; i < 4; i++) if (buf[i] !== K8S_MAGIC[i]) throw new Error('missing k8s magic');
  let apiVersion = '';
  let kind = '';
  let start = 0;
  let end = 0;
  for (const f of parseWire(buf, 4, buf.length)) {
    if (f.no === 1 && f.wireType === 2) {
      for (const t of parseWire(buf, f.start, f.end)) {
        if (t.no === 1) apiVersion = utf8OrUndefined(buf, t.start, t.end) ?? '';
        if (t.no === 2) kind = utf8OrUndefined(buf, t.start, t.end) ?? '';
      }
    } else if (f.no === 2 && f.wireType === 2) [start, end] = [f.start, f.end];
  }
  return { apiVersion, kind, start, end };
}

export interface Derived {
  roots: Map<string, GenNode>;
  unmatched: string[];
  cases: number;
}

export function deriveAll(releases: ReleaseData[], log: (s: string) => void = () => undefined): Derived {
  const roots = new Map<string, GenNode>();
  const unmatched: string[] = [];
  let cases = 0;
  for (const [releaseIndex, { release, root: dir }] of releases.entries()) {
    let n = 0;
    for (const tc of listCases(dir, release)) {
      const buf = new Uint8Array(readFileSync(tc.pb));
      let json;
      try {
        json = parseJson(readFileSync(tc.json, 'utf8'));
      } catch {
        log(`skip ${release}/${tc.name}: JSON does not parse`);
        continue;
      }
      if (!(json instanceof JObj)) continue;
      const env = splitEnvelope(buf);
      const key = `${env.apiVersion}\0${env.kind}`;
      let root = roots.get(key);
      if (!root) roots.set(key, (root = new GenNode(`${env.apiVersion}/${env.kind}`)));
      const m = new Matcher(buf, releaseIndex);
      m.matchMessage(env.start, env.end, json, root, new Set(['kind', 'apiVersion']));
      for (const u of m.unmatched) unmatched.push(`${release}/${tc.name}: ${u}`);
      n++;
    }
    cases += n;
    log(`${release}: ${n} objects`);
  }
  return { roots, unmatched, cases };
}
