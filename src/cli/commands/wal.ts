import type { Command } from 'commander';

export function registerWalCommands(program: Command): void {
  void program;
}
