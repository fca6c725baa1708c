// bbolt's own CLI as an oracle (built by scripts/oracles.sh into .oracles/bin/bbolt-<version>).
// Absent: a loud skip; under CI=true a failure when the oracles are part of this checkout.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IN_CI, REPO_ROOT } from '../helpers.js';

/** bbolt's own check, when the oracle binary is there. */
export function bboltOracle(): string | undefined {
  const dirs = [join(REPO_ROOT, '.oracles', 'bin'), ...(process.env.BBOLT_ORACLE_DIR ? [process.env.BBOLT_ORACLE_DIR] : [])];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    const f = readdirSync(d).filter((n) => /^bbolt(-\d.*)?$/.test(n)).sort().pop();
    if (f) return join(d, f);
  }
  process.stderr.write('\n!!! bbolt oracle not built (.oracles/bin/bbolt-*): bbolt check of written files skipped\n');
  if (IN_CI && existsSync(join(REPO_ROOT, 'oracles', 'bbolt'))) throw new Error('bbolt oracle missing under CI');
  return undefined;
}

