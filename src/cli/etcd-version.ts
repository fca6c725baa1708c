// The one `--etcd-version` flag of every command whose output differs by etcd release: same name,
// same parsing (3.4, 3.5, 3.6; a patch release names its minor), default = detected from the db's
// meta bucket (src/mvcc/schema/etcd-version.ts). An unknown meta/storageVersion is one stderr line.
import { Option } from 'commander';
import { ETCD_VERSIONS, parseEtcdVersion, type ResolvedEtcdVersion } from '../mvcc/schema/index.js';
import { escapeTerminal } from '../io/terminal.js';

export const ETCD_VERSION_HELP =
  `follow this etcd release (${ETCD_VERSIONS.join(', ')}); default: detected from the db ` +
  '(meta/storageVersion → 3.6, meta/term or meta/confState → 3.5, else 3.4)';

/** `--etcd-version <version>`, undefined when not given (= detect). */
export function etcdVersionOption(): Option {
  return new Option('--etcd-version <version>', ETCD_VERSION_HELP).argParser(parseEtcdVersion);
}

/** Prints the detection warning (unknown storageVersion) as one stderr line. */
export function warnEtcdVersion(v: ResolvedEtcdVersion): void {
  if (v.warning) process.stderr.write(`etcd-forensics: warning: ${escapeTerminal(v.warning, true)}\n`);
}

/** The JSON fields every such command adds: etcdVersion, etcdVersionSource (and the warning, if any). */
export function etcdVersionFields(v: ResolvedEtcdVersion): { etcdVersion: string; etcdVersionSource: string; etcdVersionWarning?: string } {
  return { etcdVersion: v.version, etcdVersionSource: v.source, ...(v.warning ? { etcdVersionWarning: v.warning } : {}) };
}
