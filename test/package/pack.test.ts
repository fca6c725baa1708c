// The published package: what `npm pack` ships (dist/src built at pack time, LICENSE, no
// source maps pointing at unshipped src/), and a consumer project that installs the
// tarball, imports it as ESM and from CommonJS (require(esm), Node >= 20.19), and
// type-checks with moduleResolution node16, nodenext and bundler (with @types/node, as a
// Node consumer has it: the library's Node edges name node: modules in their types).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, tempDir } from '../helpers.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('npm pack: dist/src, README, LICENSE, package.json; no maps, no sourceMappingURL, no prepare script', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.scripts.prepare, undefined, 'no lifecycle script runs on install');
  assert.ok(pkg.scripts.prepack, 'dist is built at pack time');
  const files = (JSON.parse(run(NPM, ['pack', '--dry-run', '--json', '--ignore-scripts'], REPO_ROOT))[0].files as { path: string }[]).map((f) => f.path);
  for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js']) assert.ok(files.includes(f), f);
  assert.deepEqual(files.filter((f) => !f.startsWith('dist/src/')).sort(), ['LICENSE', 'README.md', 'package.json']);
  assert.deepEqual(files.filter((f) => f.endsWith('.map')), []);
  const withMapUrl = files.filter((f) => f.endsWith('.js') && readFileSync(join(REPO_ROOT, f), 'utf8').includes('sourceMappingURL'));
  assert.deepEqual(withMapUrl, []);
  assert.match(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
});

test('consumer project: install the tarball, import as ESM and CJS, type-check node16/nodenext/bundler', () => {
  const tmp = tempDir('etcd-forensics-consumer-');
  try {
    run(NPM, ['pack', '--pack-destination', tmp.dir], REPO_ROOT);
    const tarball = readdirSync(tmp.dir).find((f) => f.endsWith('.tgz'))!;
    const app = join(tmp.dir, 'app');
    run('mkdir', ['-p', app], tmp.dir);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(tmp.dir, tarball)], app);
    const db = join(REPO_ROOT, 'fixtures', 'demo', 'snapshot.db');
    writeFileSync(join(app, 'esm.mjs'), `import { openBolt, verifyInput } from 'etcd-forensics';\nconst db = await openBolt(${JSON.stringify(db)});\nconsole.log(db.pageSize, (await verifyInput(${JSON.stringify(db)})).kind);\nawait db.close();\n`);
    assert.equal(run(process.execPath, ['esm.mjs'], app), '4096 snapshot-file\n');
    writeFileSync(join(app, 'cjs.cjs'), `const ef = require('etcd-forensics');\nconsole.log(typeof ef.openBolt, typeof ef.decodeStorageValue);\n`);
    assert.equal(run(process.execPath, ['cjs.cjs'], app), 'function function\n', 'require(esm): no top-level await in the library');
    writeFileSync(
      join(app, 'main.ts'),
      `import { openBolt, verifyInputs, type InputReport } from 'etcd-forensics';\nexport async function kinds(p: string): Promise<string[]> {\n  const db = await openBolt(p);\n  await db.close();\n  const r: InputReport[] = await verifyInputs([p]);\n  const txid: bigint = db.meta.txid;\n  return r.map((x) => x.kind + txid);\n}\n`,
    );
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [mod, res] of [
      ['node16', 'node16'],
      ['nodenext', 'nodenext'],
      ['esnext', 'bundler'],
    ] as const) {
      const cfg = join(app, `tsconfig.${res}.json`);
      writeFileSync(cfg, JSON.stringify({ compilerOptions: { module: mod, moduleResolution: res, target: 'es2022', strict: true, noEmit: true, typeRoots: [join(REPO_ROOT, 'node_modules', '@types')], types: ['node'], skipLibCheck: false, lib: ['es2023'] }, files: ['main.ts'] }));
      run(process.execPath, [tsc, '-p', cfg], app);
    }
  } finally {
    tmp.cleanup();
  }
});
