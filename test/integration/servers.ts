// The real etcd servers the integration tests run the same body against: Debian's 3.4 on PATH, and
// 3.5 / 3.6 built by scripts/oracles.sh into .oracles/bin. A missing server skips loudly outside CI
// and fails under CI=true (.ci/run builds the oracles first).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { IN_CI, REPO_ROOT } from '../helpers.js';

export interface EtcdServer {
  /** Minor version: '3.4', '3.5', '3.6'. */
  minor: string;
  etcd: string;
  etcdctl: string;
  /** `snapshot status` lives in etcdutl from 3.5 on (3.6's etcdctl no longer has it). */
  snapshotStatus: string[];
}

const ORACLES_BIN = process.env.ORACLES_BIN ?? join(REPO_ROOT, '.oracles', 'bin');
const onPath = (name: string) => (process.env.PATH ?? '').split(':').map((d) => join(d, name)).find((p) => existsSync(p));

export const ETCD_SERVERS: EtcdServer[] = [
  { minor: '3.4', etcd: onPath('etcd') ?? 'etcd', etcdctl: onPath('etcdctl') ?? 'etcdctl', snapshotStatus: [onPath('etcdctl') ?? 'etcdctl', 'snapshot', 'status'] },
  ...['3.5', '3.6'].map((minor) => ({
    minor,
    etcd: join(ORACLES_BIN, `etcd-${minor}`),
    etcdctl: join(ORACLES_BIN, `etcdctl-${minor}`),
    snapshotStatus: [join(ORACLES_BIN, `etcdutl-${minor}`), 'snapshot', 'status'],
  })),
];

/** True when every binary of `s` exists; otherwise skips `t` loudly (fails under CI). */
export function requireServer(t: TestContext, s: EtcdServer): boolean {
  const missing = [s.etcd, s.etcdctl, s.snapshotStatus[0]!].filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  const how = s.minor === '3.4' ? 'apt-get install -y etcd-server etcd-client' : `scripts/oracles.sh etcd-${s.minor}`;
  const msg = `etcd ${s.minor} missing: ${missing.join(', ')} (${how})`;
  if (IN_CI) throw new Error(msg);
  process.stderr.write(`\n!!! SKIPPED: ${msg}\n`);
  t.skip(msg);
  return false;
}
