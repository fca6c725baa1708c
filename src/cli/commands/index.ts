// Every command group registers itself here, one module per group, owned by its layer.
// Groups are imported lazily: a run of `etcd-forensics hash ...` loads only the dump-db
// group (start-up stays fast, and no other layer's code is even parsed). `--help` and
// unknown commands load them all, in this order.
import type { Command } from 'commander';

interface CommandGroup {
  /** Top-level command names the group registers. */
  names: readonly string[];
  load(): Promise<(program: Command) => void>;
}

const GROUPS: readonly CommandGroup[] = [
  {
    names: ['extract', 'hashkv', 'snapshot', 'analyze', 'diff'],
    load: async () => (await import('./keyspace.js')).registerKeyspaceCommands,
  },
  { names: ['dump-logs', 'verify', 'snap'], load: async () => (await import('./wal.js')).registerWalCommands },
  { names: ['list-bucket', 'iterate-bucket', 'hash'], load: async () => (await import('./dump-db.js')).registerDumpDbCommands },
  { names: ['decode', 'encode'], load: async () => (await import('./k8s.js')).registerK8sCommands },
  { names: ['replay', 'timeline'], load: async () => (await import('./replay.js')).registerReplayCommands },
  { names: ['bolt'], load: async () => (await import('./bolt.js')).registerBoltCommands },
  { names: ['salvage'], load: async () => (await import('./salvage.js')).registerSalvageCommands },
];

/** Names of every top-level command, for completion and docs. */
export const COMMAND_NAMES: readonly string[] = GROUPS.flatMap((g) => g.names);

/**
 * Registers the group that owns `commandName`, or every group when it is undefined or
 * not a known command (so help and "unknown command" errors see the full list).
 */
export async function registerCommands(program: Command, commandName?: string): Promise<void> {
  const owner = GROUPS.find((g) => commandName !== undefined && g.names.includes(commandName));
  for (const g of owner ? [owner] : GROUPS) (await g.load())(program);
}

/** The command word of an argv (`node main.js [global options] <command> ...`). */
export function commandWord(args: readonly string[]): string | undefined {
  for (const a of args) {
    if (a === '--') return undefined;
    if (!a.startsWith('-')) return a === 'help' ? undefined : a;
  }
  return undefined;
}
