#!/usr/bin/env node
// The etcd-forensics command line: a thin shell over the library. Flags in, one library
// call, a renderer, an exit code (0 ok, 1 findings/corruption, 2 usage, 3 cannot read).
import { Command, CommanderError } from 'commander';
import { exitCodeFor, ExitCode, ForensicsError } from '../errors.js';
import { commandWord, registerCommands } from './commands/index.js';
import { packageVersion } from './version.js';
import { escapeTerminal, quoteForError } from '../io/terminal.js';
import { installEpipeHandler } from './output/stdout.js';

/**
 * The commander program. With `argv`, only the command group that argv invokes is loaded;
 * without, every group (for help and tools that list commands).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('etcd-forensics')
    .description(
      "Read etcd's on-disk files offline: the bbolt db (member/snap/db, snapshot files), the WAL and " +
        'raft snapshots, and decode the Kubernetes objects stored in them.\nNever writes to its input.',
    )
    .version(packageVersion(), '-V, --version')
    // one stderr line per failure: commander's own message names the flag; no usage hint line.
    // Its messages quote the argument as typed: escaped like every other stderr line.
    .configureOutput({ writeErr: (s) => process.stderr.write(escapeTerminal(s)) })
    .configureHelp({ sortSubcommands: false });
  await registerCommands(program, argv ? commandWord(argv.slice(2)) : undefined);
  program.exitOverride();
  for (const sub of program.commands) applyExitOverride(sub);
  return program;
}

function applyExitOverride(cmd: Command): void {
  cmd.exitOverride();
  for (const sub of cmd.commands) applyExitOverride(sub);
}

export async function main(argv: string[]): Promise<void> {
  // Help and usage text go to stdout through commander, not Output: EPIPE must end quietly there too.
  installEpipeHandler();
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

/** Prints a one-line diagnostic to stderr and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Help and version exit 0; commander already printed usage errors.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.Ok;
    if (err.code === 'commander.help') return ExitCode.Ok;
    return ExitCode.Usage;
  }
  if (err instanceof ForensicsError) {
    process.stderr.write(`etcd-forensics: ${oneLine(err.message)}\n`);
    return exitCodeFor(err);
  }
  const e = err as Error;
  process.stderr.write(`etcd-forensics: unexpected error: ${oneLine(e?.message ?? String(err))}\n`);
  if (process.env.ETCD_FORENSICS_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  else process.stderr.write('etcd-forensics: (set ETCD_FORENSICS_DEBUG=1 for a stack trace; please report this as a bug)\n');
  return ExitCode.CannotRead;
}

/** Longest diagnostic line; names inside are capped where they are quoted, this is the backstop. */
const MAX_ERROR_LINE = 2000;

function oneLine(s: string): string {
  return quoteForError(s.replace(/[\r\n]+/g, ' '), MAX_ERROR_LINE);
}

// Run when executed as the bin (not when imported by tests).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const self = fileURLToPath(import.meta.url);
let invoked = '';
try {
  invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
} catch {
  invoked = '';
}
if (invoked === self) {
  void main(process.argv);
}
