// Issue 12 #9: under a pseudo-terminal (util-linux `script`), no raw C0/C1/bidi control
// from the input reaches the terminal — from a db whose bucket names, keys and values are
// full of them, and from a k8s value whose apiVersion/kind/name carry ESC, CSI and RLO.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, requireBinary, tempDir } from '../helpers.js';
import { escapeTerminal, escapeTerminalBytes } from '../../src/io/terminal.js';
import { writeHostileDb } from './hostile-db.js';

const NASTY = '\x1b]0;pwned\x07\x1b[31mred\x9b2J\u202eevil\u2066x\u0085\x7f';

/** Runs the CLI under a pty; returns what the terminal received. */
function underPty(args: string[]): Buffer {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-q', '-e', '-c', cmd, '/dev/null'], { encoding: 'buffer', timeout: 60_000, env: { ...process.env, TERM: 'xterm' } });
  return Buffer.concat([r.stdout ?? Buffer.alloc(0), r.stderr ?? Buffer.alloc(0)]);
}

/** Raw controls in terminal output: C0 other than \t \r \n, DEL, C1 (as UTF-8 or a lone byte), bidi. */
function unsafeIn(b: Buffer): string[] {
  const found: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) found.push(`0x${c.toString(16)} at ${i}`);
  }
  const s = b.toString('latin1');
  if (/[\x80-\x9f]/.test(b.toString('utf8').replace(/\ufffd/g, ''))) found.push('C1 code point');
  if (/\xc2[\x80-\x9f]/.test(s)) found.push('UTF-8 C1');
  if (/\xe2\x80[\xaa-\xae\x8e\x8f]|\xe2\x81[\xa6-\xa9]/.test(s)) found.push('bidi control');
  return found;
}

test('the escaping function: C0, DEL, C1, bidi out; text, \\n and \\t kept', () => {
  assert.equal(escapeTerminal('a\x1b[1mb\x9b\u202ec\n\t'), 'a\\x1b[1mb\\x9b\\u202ec\n\t');
  assert.equal(escapeTerminal('a\nb', true), 'a\\nb');
  assert.equal(escapeTerminal('plain ünïcode ✓'), 'plain ünïcode ✓');
  assert.equal(Buffer.from(escapeTerminalBytes(Buffer.from('k\x1bé\u202e', 'utf8'))).toString(), 'k\\x1bé\\u202e');
  assert.equal(Buffer.from(escapeTerminalBytes(Uint8Array.from([0x41, 0x9b, 0x32, 0x4a]))).toString(), 'A\\x9b2J');
  const plain = Buffer.from('ok\n');
  assert.equal(escapeTerminalBytes(plain), plain);
});

test('every command on control-character input writes no raw control to a terminal', (t) => {
  if (!requireBinary(t, 'script')) return;
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'db');
    const cm = JSON.stringify({ apiVersion: `v1${NASTY}`, kind: `ConfigMap${NASTY}`, metadata: { name: `n${NASTY}`, labels: { l: NASTY } }, data: { d: NASTY } });
    writeHostileDb(db, {
      puts: [
        { key: `/registry/configmaps/default/${NASTY}`, value: cm },
        { key: '/registry/configmaps/default/ok', value: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok', annotations: { a: NASTY } } }) },
        { key: Buffer.concat([Buffer.from('/raw/'), Buffer.from([0x1b, 0x9b, 0x07, 0xff])]), value: Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x9b, 0x41]) },
      ],
      extraBuckets: [Buffer.from(`b${NASTY}`), Buffer.from([0x62, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x9b])],
      member: JSON.stringify({ id: 1, name: NASTY, peerURLs: [NASTY] }),
    });
    const value = join(dir, 'value.json');
    writeFileSync(value, cm);
    const yaml = join(dir, 'obj.yaml');
    writeFileSync(yaml, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "${NASTY.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'))}"\n`);
    const runs: string[][] = [
      ['list-bucket', db],
      ['iterate-bucket', db, 'members', '--decode', '-o', 'json'],
      ['iterate-bucket', db, 'key'],
      ['extract', '-f', db],
      ['extract', '-f', db, '--fields', 'key,value'],
      ['extract', '-f', db, '-k', `/registry/configmaps/default/${NASTY}`],
      ['extract', '-f', db, '-k', `/registry/configmaps/default/${NASTY}`, '-o', 'json'],
      ['extract', '-f', db, '--template', '{{.Key}} {{.Value}}'],
      ['bolt', 'buckets', db],
      ['bolt', 'keys', db, `b${NASTY}`],
      ['bolt', 'get', db, `b${NASTY}`, `b${NASTY}`],
      ['bolt', 'check', db],
      ['hash', db],
      ['analyze', db],
      ['decode', '--file', value],
      ['decode', '--meta-only', '--file', value],
      ['decode', '-o', 'json', '--file', value],
      ['encode', '--file', yaml],
      ['iterate-bucket', db, `nope${NASTY}`],
      ['decode', '--file', join(dir, `missing${NASTY}`)],
    ];
    const bad: string[] = [];
    for (const args of runs) {
      const got = underPty(args);
      const u = unsafeIn(got);
      if (u.length) bad.push(`${args.map((a) => escapeTerminal(a, true)).join(' ')}: ${u.slice(0, 3).join(', ')}`);
    }
    assert.deepEqual(bad, []);
  } finally {
    cleanup();
  }
});
