import type { Command } from 'commander';

export function registerK8sCommands(program: Command): void {
  void program;
}
