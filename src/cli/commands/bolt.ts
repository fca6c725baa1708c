import type { Command } from 'commander';

export function registerBoltCommands(program: Command): void {
  void program;
}
