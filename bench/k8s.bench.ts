// Decoding throughput, in-process on one core, best of 3 runs: every HEAD kind's stored
// value (every field filled) and the kinds under 2 KB, decoded to JSON and to YAML; and
// the values an etcd holding Kubernetes data really has (../shared/fixtures/etcd-k8s:
// protobuf and JSON objects, as `get` finds them), in objects/s and MB/s of stored bytes.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './harness.js';
import { decodeStorageValue, encodeStorageValue, toCompactJson, toJson, toYaml } from '../src/k8s/index.js';

const SHARED = process.env.ETCD_FORENSICS_SHARED ?? resolve(REPO_ROOT, '..', 'shared');
const TESTDATA = join(SHARED, 'k8s-api', 'testdata', 'HEAD');
const ETCD_K8S = join(SHARED, 'fixtures', 'etcd-k8s', 'oracle', 'get-all.json');

interface Rate {
  perSec: number;
  storedMBps: number;
}

function rateOnce(values: Uint8Array[], render: (v: Uint8Array) => string, minSeconds: number): Rate {
  let n = 0;
  let stored = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    for (const v of values) {
      render(v);
      stored += v.length;
      n++;
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { perSec: n / elapsed, storedMBps: stored / 1e6 / elapsed };
}

/** Best of 3 runs of about one second each. */
function rate(values: Uint8Array[], render: (v: Uint8Array) => string): Rate {
  let best: Rate = { perSec: 0, storedMBps: 0 };
  for (let i = 0; i < 3; i++) {
    const r = rateOnce(values, render, 1);
    if (r.perSec > best.perSec) best = r;
  }
  return best;
}

/** The Kubernetes objects stored in the etcd-k8s fixture (protobuf and JSON; not encrypted ones). */
function etcdK8sValues(): Uint8Array[] {
  if (!existsSync(ETCD_K8S)) return [];
  const all = JSON.parse(readFileSync(ETCD_K8S, 'utf8')) as { kvs: { key: string; value?: string }[] };
  const out: Uint8Array[] = [];
  for (const kv of all.kvs) {
    const v = new Uint8Array(Buffer.from(kv.value ?? '', 'base64'));
    try {
      const d = decodeStorageValue(v);
      if (d.encoding === 'protobuf' || d.encoding === 'json') out.push(v);
    } catch {
      // compact_rev_key and the like are not objects
    }
  }
  return out;
}

/**
 * What `kubectl apply` leaves in every object: managedFields with FieldsV1 (here 2 KB of
 * it, 40 data keys) on the HEAD ConfigMap. Synthetic, to show the raw-JSON cost.
 */
function appliedConfigMap(): Uint8Array | undefined {
  const p = join(TESTDATA, 'core.v1.ConfigMap.json');
  if (!existsSync(p)) return undefined;
  const cm = JSON.parse(readFileSync(p, 'utf8')) as { metadata: Record<string, unknown>; data: Record<string, string> };
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < 40; i++) fields[`f:key${i}`] = { '.': {}, 'f:sub': { 'f:x': {}, 'f:y': {} } };
  cm.metadata.managedFields = [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-01-02T03:04:05Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': fields } }];
  return encodeStorageValue(JSON.stringify(cm));
}

const toJsonText = (v: Uint8Array): string => toJson(decodeStorageValue(v));
const toCompactText = (v: Uint8Array): string => toCompactJson(decodeStorageValue(v, undefined, 'compact'));
const toYamlText = (v: Uint8Array): string => toYaml(decodeStorageValue(v, undefined, 'yaml'));

export async function run(): Promise<string[]> {
  if (!existsSync(TESTDATA)) return [`skipped: ${TESTDATA} not found`];
  const values = readdirSync(TESTDATA)
    .filter((f) => f.endsWith('.pb'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(TESTDATA, f))));
  const avg = values.reduce((s, v) => s + v.length, 0) / values.length;
  const small = values.filter((v) => v.length < 2000);
  const stored = etcdK8sValues();
  const storedAvg = stored.reduce((s, v) => s + v.length, 0) / Math.max(1, stored.length);
  rateOnce(values, toJsonText, 0.5); // warm-up
  const json = rate(values, toJsonText);
  const yaml = rate(values, toYamlText);
  const compact = rate(values, toCompactText);
  const jsonSmall = rate(small, toJsonText);
  const yamlSmall = rate(small, toYamlText);
  const f = (x: number): string => Math.round(x).toLocaleString('en-US');
  const lines = [
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; best of 3`,
    `all ${values.length} HEAD kinds (avg ${f(avg)} stored bytes, every field filled): to JSON ${f(json.perSec)} objects/s, to YAML ${f(yaml.perSec)} objects/s`,
    `the ${small.length} kinds under 2 KB stored: to JSON ${f(jsonSmall.perSec)} objects/s, to YAML ${f(yamlSmall.perSec)} objects/s`,
    `all ${values.length} HEAD kinds to compact JSON (decode --batch-process, dump-logs --stream-decoder): ${f(compact.perSec)} objects/s`,
  ];
  if (stored.length) {
    const jm = rate(stored, toJsonText);
    const ym = rate(stored, toYamlText);
    lines.push(
      `etcd-k8s fixture, the ${stored.length} stored objects (avg ${f(storedAvg)} bytes): to JSON ${f(jm.perSec)} objects/s (${jm.storedMBps.toFixed(1)} MB/s stored), ` +
        `to YAML ${f(ym.perSec)} objects/s (${ym.storedMBps.toFixed(1)} MB/s stored)`,
    );
  } else lines.push(`etcd-k8s fixture: skipped (${ETCD_K8S} not found)`);
  // the same objects as the CBOR storage gate writes them (our encoder gives apimachinery's bytes: test/k8s/cbor.test.ts)
  const cbor = values.map((v) => encodeStorageValue(toJsonText(v), undefined, { encoding: 'cbor' }));
  const cborAvg = cbor.reduce((s, v) => s + v.length, 0) / cbor.length;
  const cj = rate(cbor, toJsonText);
  const cy = rate(cbor, toYamlText);
  lines.push(
    `the same ${cbor.length} HEAD kinds stored as CBOR (avg ${f(cborAvg)} bytes): to JSON ${f(cj.perSec)} objects/s (protobuf: ${f(json.perSec)}, ${Math.round((100 * cj.perSec) / json.perSec)} %), ` +
      `to YAML ${f(cy.perSec)} objects/s (protobuf: ${f(yaml.perSec)})`,
  );
  const applied = appliedConfigMap();
  if (applied) {
    const ja = rate([applied], toJsonText);
    const ya = rate([applied], toYamlText);
    lines.push(`ConfigMap with 2 KB of managedFields FieldsV1 (synthetic, ${f(applied.length)} bytes): to JSON ${f(ja.perSec)} objects/s, to YAML ${f(ya.perSec)} objects/s`);
  }
  return lines;
}
