// README examples are real runs. Each example in README.md is a block
//
//   <!-- example -->
//   ```console
//   $ etcd-forensics list-bucket fixtures/demo/data
//   <output>
//   ```
//
// `node dist/scripts/readme-examples.js --write` re-runs every `$ ` command (bash, with
// `etcd-forensics` on PATH pointing at this checkout's build, cwd = repo root) and
// rewrites its output; test/readme.test.ts checks that README.md shows what the tool
// prints today. A non-zero exit is shown as a last line `[exit N]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = join(REPO_ROOT, 'README.md');
const BLOCK = /<!-- example -->\n```console\n([\s\S]*?)```/g;

export interface Example {
  command: string;
  recorded: string;
}

export function readExamples(text = readFileSync(README, 'utf8')): Example[] {
  const out: Example[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[1]!;
    const nl = body.indexOf('\n');
    const first = body.slice(0, nl);
    if (!first.startsWith('$ ')) throw new Error(`README example does not start with "$ ": ${first}`);
    out.push({ command: first.slice(2), recorded: body.slice(nl + 1) });
  }
  return out;
}

let shimDir: string | undefined;
function shimPath(): string {
  if (!shimDir) {
    shimDir = mkdtempSync(join(tmpdir(), 'ef-readme-'));
    const shim = join(shimDir, 'etcd-forensics');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js')}" "$@"\n`, { mode: 0o755 });
    process.on('exit', () => rmSync(shimDir!, { recursive: true, force: true }));
  }
  return shimDir;
}

/** Runs one example command and returns what the README should show under it. */
export function runExample(command: string): string {
  const r = spawnSync('bash', ['-c', command], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${shimPath()}:${process.env.PATH ?? ''}`, NO_COLOR: '1', COLUMNS: '100' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let text = (r.stdout ?? '') + (r.stderr ?? '');
  if (text.length && !text.endsWith('\n')) text += '\n';
  if (r.status !== 0) text += `[exit ${r.status}]\n`;
  return text;
}

export function rewriteReadme(): number {
  const text = readFileSync(README, 'utf8');
  let changed = 0;
  const next = text.replace(BLOCK, (_all, body: string) => {
    const nl = body.indexOf('\n');
    const command = body.slice(2, nl);
    const output = runExample(command);
    if (output !== body.slice(nl + 1)) changed++;
    return `<!-- example -->\n\`\`\`console\n$ ${command}\n${output}\`\`\``;
  });
  writeFileSync(README, next);
  return changed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) {
    const n = rewriteReadme();
    console.log(`README.md: ${n} example(s) updated`);
  } else {
    let bad = 0;
    for (const ex of readExamples()) {
      if (runExample(ex.command) !== ex.recorded) {
        bad++;
        console.log(`stale: $ ${ex.command}`);
      }
    }
    console.log(bad ? `${bad} stale example(s); run with --write` : 'all README examples are current');
    process.exitCode = bad ? 1 : 0;
  }
}
