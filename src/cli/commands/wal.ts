// WAL and raft-snapshot commands: dump-logs, verify, snap.
import type { Command } from 'commander';
import { dumpLogsCommand } from './wal/dump-logs.js';

export function registerWalCommands(program: Command): void {
  program.addCommand(dumpLogsCommand());
}
