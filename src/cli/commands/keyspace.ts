// The keyspace commands: extract (auger), hashkv, snapshot status, analyze, diff.
import type { Command } from 'commander';
import { registerExtract } from './keyspace/extract.js';
import { registerHashKV } from './keyspace/hashkv.js';
import { registerSnapshot } from './keyspace/snapshot.js';
import { registerAnalyze } from './keyspace/analyze.js';
import { registerDiff } from './keyspace/diff.js';

export function registerKeyspaceCommands(program: Command): void {
  registerExtract(program);
  registerHashKV(program);
  registerSnapshot(program);
  registerAnalyze(program);
  registerDiff(program);
}
