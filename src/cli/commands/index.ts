// Every command group registers itself here. One module per group, owned by its layer.
import type { Command } from 'commander';
import { registerDumpDbCommands } from './dump-db.js';
import { registerKeyspaceCommands } from './keyspace.js';
import { registerWalCommands } from './wal.js';
import { registerK8sCommands } from './k8s.js';
import { registerBoltCommands } from './bolt.js';

export function registerCommands(program: Command): void {
  registerKeyspaceCommands(program); // extract, hashkv, snapshot, analyze, diff
  registerWalCommands(program); // dump-logs, verify, snap
  registerDumpDbCommands(program); // list-bucket, iterate-bucket, hash
  registerK8sCommands(program); // decode, encode
  registerBoltCommands(program); // bolt info|stats|pages|page|...
}
