#!/usr/bin/env node
// `npm start`: a tour of etcd-forensics on the bundled demo data dir (fixtures/demo, written
// by a real etcd 3.4 — see scripts/make-demo-fixture.sh). Each step prints the command and
// what it printed. Read-only: the demo files are hashed before and after.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const demo = 'fixtures/demo';

if (!existsSync(cli)) {
  console.error('etcd-forensics is not built: run `npm ci` (or `npm run build`) first');
  process.exit(3);
}

const steps = [
  ['What is in this snapshot file? (etcdctl snapshot status, plus the sha256 trailer check)', ['snapshot', 'status', `${demo}/snapshot.db`, '-w', 'table']],
  ['Which keys are live, how many versions each, and how many bytes they hold?', ['extract', '-f', `${demo}/data`, '--fields', 'key,version-count,value-size,all-versions-value-size']],
  ['Where does the space go?', ['analyze', `${demo}/data`]],
  ['What does this Pod look like (decoded from the protobuf the apiserver stored)?', ['extract', '-f', `${demo}/data`, '-k', '/registry/pods/default/web-7d4b9c8f6-x2k9p']],
  ['The kube-controller-manager Lease: every stored version', ['extract', '-f', `${demo}/data`, '-k', '/registry/leases/kube-system/kube-controller-manager', '--list-versions']],
  ["etcd's HashKV of the keyspace (what `etcdctl endpoint hashkv` returned)", ['hashkv', `${demo}/data`]],
  ['Do the live member db and the snapshot agree?', ['diff', `${demo}/snapshot.db`, `${demo}/data`]],
  ['Is the data dir intact? (db, WAL CRC chain, torn tail vs corruption, snapshots)', ['verify', `${demo}/data`]],
  ['What happened around the compaction? (raft log, etcd-dump-logs format, filtered)', ['dump-logs', `${demo}/data`, '--entry-type', 'IRRCompaction,IRRDeleteRange']],
];

function hashTree(dir) {
  const h = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(root, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const before = hashTree(join(root, demo));
let failed = 0;
for (const [title, args] of steps) {
  console.log(`\n### ${title}\n$ etcd-forensics ${args.map((a) => (/[\s,'"{}]/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = (r.stdout + r.stderr).split('\n');
  const shown = lines.length > 40 ? [...lines.slice(0, 40), `... (${lines.length - 40} more lines)`] : lines;
  process.stdout.write(shown.join('\n'));
  if (r.status !== 0) {
    console.log(`[exit ${r.status}]`);
    if (r.status !== 1) failed++;
  }
}
const after = hashTree(join(root, demo));
console.log(`\nDemo files unchanged: ${before === after ? 'yes' : 'NO'} (sha256 of fixtures/demo before and after)`);
if (before !== after || failed) process.exitCode = 1;
