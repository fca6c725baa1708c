// WAL and raft-snapshot commands: dump-logs, verify, snap.
import type { Command } from 'commander';
import { dumpLogsCommand } from './wal/dump-logs.js';
import { verifyCommand } from './wal/verify.js';
import { snapCommand } from './wal/snap.js';

export function registerWalCommands(program: Command): void {
  program.addCommand(dumpLogsCommand());
  program.addCommand(verifyCommand());
  program.addCommand(snapCommand());
}
