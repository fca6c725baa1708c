// `npm run bench`: runs every dist/bench/*.bench.js module in turn. Each exports
// `run(): Promise<string[]>` returning report lines. `npm run bench -- wal` filters by name.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

if (modules.length === 0) {
  console.error('bench: no benchmark modules matched');
  process.exitCode = 1;
}
for (const f of modules) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run: () => Promise<string[]> };
  console.log(`\n== ${f.replace(/\.bench\.js$/, '')} ==`);
  for (const line of await mod.run()) console.log(line);
}
