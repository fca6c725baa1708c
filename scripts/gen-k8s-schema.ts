// `npm run gen:k8s`: derives the Kubernetes schema from ../shared/k8s-api and writes
// src/k8s/schema-data.ts. `--check` compares instead of writing (exit 1 on difference).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveAll, releaseData, releaseName } from './k8s-gen/derive.js';
import { gatherPointerEvidence, vetoContradictedNames } from './k8s-gen/pointer-evidence.js';
import { adoptSiblingFields, applyOpenApi, emitSchema, fillFromDonors, renderModule, resolveNameConflicts, shareZeroEvidence, unifyWeakNames } from './k8s-gen/emit.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.ETCD_FORENSICS_SHARED ?? resolve(repoRoot, '..', 'shared');
const outFile = join(repoRoot, 'src', 'k8s', 'schema-data.ts');

/** Generates the module text from the reference data (deterministic). */
export function generate(log: (s: string) => void = () => undefined): { text: string; unmatched: string[]; pointerHintConflicts: string[] } {
  const api = join(shared, 'k8s-api');
  // testdata (1.19 … HEAD) and testdata-fuzzed (1.14 … 1.18), newest first
  const releases = releaseData(api);
  const derived = deriveAll(releases, log);
  const renamed = resolveNameConflicts(derived.roots);
  log(`${renamed} name conflicts resolved`);
  log(`${unifyWeakNames(derived.roots)} tie-matched fields renamed after the same type elsewhere`);
  log(`${vetoContradictedNames(releases, derived.roots, log)} fields renamed: their name was missing from an object that had them`);
  log(`${resolveNameConflicts(derived.roots)} name conflicts resolved after that`);
  const marked = applyOpenApi(join(api, 'openapi'), derived.roots);
  const filled = fillFromDonors(derived.roots);
  log(`${filled} fields named from the same type elsewhere`);
  const pointers = gatherPointerEvidence(releases, derived.roots, log);
  log(`${pointers.byData} pointer fields found by name, ${pointers.byDescription} more by their description`);
  for (const c of pointers.hintConflicts) log(`description hints a pointer, data shows a plain value: ${c}`);
  log(`${shareZeroEvidence(derived.roots)} pointer-field marks shared between identical types`);
  log(`${adoptSiblingFields(derived.roots)} fields adopted from the same type elsewhere`);
  log(`${derived.cases} objects, ${derived.roots.size} kinds, ${marked} required fields, ${derived.unmatched.length} unmatched wire fields`);
  // release names oldest first (HEAD is the release in development: 1.37 for this data)
  const releaseNames = releases.map((r) => releaseName(r.release)).reverse();
  const schema = emitSchema(derived.roots, releaseNames);
  log(`${schema.types.length} message types`);
  return { text: renderModule(schema), unmatched: derived.unmatched, pointerHintConflicts: pointers.hintConflicts };
}

function main(): number {
  if (!existsSync(join(shared, 'k8s-api'))) {
    process.stderr.write(`gen-k8s-schema: ${join(shared, 'k8s-api')} not found\n`);
    return 3;
  }
  const check = process.argv.includes('--check');
  const verbose = process.argv.includes('--verbose');
  const { text, unmatched } = generate((s) => process.stderr.write(s + '\n'));
  if (verbose) for (const u of unmatched) process.stderr.write(`unmatched: ${u}\n`);
  if (check) {
    const old = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
    if (old !== text) {
      process.stderr.write(`gen-k8s-schema: ${outFile} is stale; run npm run gen:k8s\n`);
      return 1;
    }
    process.stderr.write('gen-k8s-schema: committed schema is up to date\n');
    return 0;
  }
  writeFileSync(outFile, text);
  process.stderr.write(`wrote ${outFile} (${text.length} bytes)\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
