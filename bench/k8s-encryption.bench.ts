// Decrypt + decode throughput, in-process on one core, best of 3: every HEAD kind's stored
// value encrypted as the apiserver stores it (aescbc, aesgcm with the etcd key as AAD,
// secretbox; keys from fixtures/k8s-encryption/configs), read with decryptStorageValue and
// decoded to JSON, next to decoding the same plain protobuf values.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './harness.js';
import { decodeStorageValue, toJson } from '../src/k8s/index.js';
import { decryptStorageValue, encryptStorageValue, loadEncryptionConfig, type EncryptionConfig } from '../src/k8s/encryption/index.js';
import '../src/k8s/encryption/node-cipher.js';

const SHARED = process.env.ETCD_FORENSICS_SHARED ?? resolve(REPO_ROOT, '..', 'shared');
const TESTDATA = join(SHARED, 'k8s-api', 'testdata', 'HEAD');
const CONFIGS = join(REPO_ROOT, 'fixtures', 'k8s-encryption', 'configs');

function best(fn: () => number): number {
  let top = 0;
  for (let i = 0; i < 3; i++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 1) {
      n += fn();
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    top = Math.max(top, n / elapsed);
  }
  return top;
}

export async function run(): Promise<string[]> {
  if (!existsSync(TESTDATA)) return [`skipped: ${TESTDATA} not found`];
  const plain = readdirSync(TESTDATA)
    .filter((f) => f.endsWith('.pb'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(TESTDATA, f))));
  const keys = plain.map((_, i) => `/registry/secrets/bench/object-${i}`);
  const f = (x: number): string => Math.round(x).toLocaleString('en-US');
  const plainRate = best(() => {
    for (const v of plain) toJson(decodeStorageValue(v));
    return plain.length;
  });
  const lines = [
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; best of 3; all ${plain.length} HEAD kinds stored as Secrets`,
    `plain protobuf to JSON: ${f(plainRate)} objects/s`,
  ];
  for (const [name, file] of [
    ['aescbc', 'aescbc.yaml'],
    ['aesgcm', 'aesgcm.yaml'],
    ['secretbox', 'secretbox.json'],
  ] as const) {
    const config: EncryptionConfig = loadEncryptionConfig(readFileSync(join(CONFIGS, file), 'utf8'));
    const stored = plain.map((v, i) => encryptStorageValue(v, { config, etcdKey: keys[i]! }));
    const r = best(() => {
      for (let i = 0; i < stored.length; i++) toJson(decodeStorageValue(decryptStorageValue(stored[i]!, { config, etcdKey: keys[i]! }).data));
      return stored.length;
    });
    const d = best(() => {
      for (let i = 0; i < stored.length; i++) decryptStorageValue(stored[i]!, { config, etcdKey: keys[i]! });
      return stored.length;
    });
    lines.push(`${name}: decrypt + decode to JSON ${f(r)} objects/s (${((100 * r) / plainRate).toFixed(0)} % of plain); decrypt alone ${f(d)} objects/s`);
  }
  return lines;
}
