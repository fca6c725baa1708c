// Decoding throughput: every HEAD kind's stored value (a mix of small and large objects)
// decoded to JSON and to YAML in-process on one core; objects per second.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './harness.js';
import { decodeStorageValue, toJson, toYaml } from '../src/k8s/index.js';

const TESTDATA = join(process.env.ETCD_FORENSICS_SHARED ?? resolve(REPO_ROOT, '..', 'shared'), 'k8s-api', 'testdata', 'HEAD');

function rate(values: Uint8Array[], render: (v: Uint8Array) => string, minSeconds = 2): { perSec: number; bytes: number } {
  let n = 0;
  let bytes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    for (const v of values) {
      bytes += render(v).length;
      n++;
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { perSec: n / elapsed, bytes: bytes / n };
}

export async function run(): Promise<string[]> {
  if (!existsSync(TESTDATA)) return [`skipped: ${TESTDATA} not found`];
  const values = readdirSync(TESTDATA)
    .filter((f) => f.endsWith('.pb'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(TESTDATA, f))));
  const avg = values.reduce((s, v) => s + v.length, 0) / values.length;
  // a realistic mix: many small objects (leases, events, configmaps) and few huge ones
  const small = values.filter((v) => v.length < 2000);
  rate(values, (v) => toJson(decodeStorageValue(v)), 0.5); // warm-up
  const json = rate(values, (v) => toJson(decodeStorageValue(v)));
  const yaml = rate(values, (v) => toYaml(decodeStorageValue(v)));
  const jsonSmall = rate(small, (v) => toJson(decodeStorageValue(v)));
  const yamlSmall = rate(small, (v) => toYaml(decodeStorageValue(v)));
  const f = (x: number): string => Math.round(x).toLocaleString('en-US');
  return [
    `all ${values.length} HEAD kinds (avg ${f(avg)} stored bytes, every field filled): to JSON ${f(json.perSec)} objects/s, to YAML ${f(yaml.perSec)} objects/s`,
    `the ${small.length} kinds under 2 KB stored: to JSON ${f(jsonSmall.perSec)} objects/s, to YAML ${f(yamlSmall.perSec)} objects/s`,
  ];
}
