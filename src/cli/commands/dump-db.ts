import type { Command } from 'commander';

export function registerDumpDbCommands(program: Command): void {
  void program;
}
