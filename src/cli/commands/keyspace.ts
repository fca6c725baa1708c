import type { Command } from 'commander';

export function registerKeyspaceCommands(program: Command): void {
  void program;
}
