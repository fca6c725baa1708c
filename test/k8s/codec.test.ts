// Acceptance: for every release and every object in ../shared/k8s-api/testdata,
// decode(.pb) → JSON deep-equal to .json, → YAML byte-identical to .yaml, and
// encode(.json) → bytes identical to .pb. Prints the pass table per release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireShared } from '../helpers.js';
import { checkCase, listCases, listReleases } from './testdata.js';

test('k8s testdata: decode → JSON/YAML and encode → protobuf for every release', (t) => {
  const testdata = requireShared(t, 'k8s-api/testdata');
  if (!testdata) return;
  const rows: string[] = [];
  const failures: string[] = [];
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
    rows.push(`${release.padEnd(8)} objects ${String(cases.length).padStart(3)}  json ${String(json).padStart(3)}  yaml ${String(yaml).padStart(3)}  encode ${String(enc).padStart(3)}${broken ? `  (${broken} with a damaged reference .json: YAML checked only)` : ''}`);
  }
  process.stdout.write('\nk8s testdata pass counts:\n' + rows.join('\n') + '\n');
  if (failures.length) process.stdout.write(`first failures:\n  ${failures.slice(0, 40).join('\n  ')}\n`);
  assert.ok(total > 2000, `expected the full testdata, found ${total} objects`);
  assert.deepEqual(failures, []);
});
