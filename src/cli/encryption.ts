// --encryption-config for every command that shows values: loads the EncryptionConfiguration
// file and reports each value that could not be decrypted as one stderr line (the value is
// shown encrypted and the run goes on); the command then exits 1.
import { readFileSync } from 'node:fs';
import { ReadError } from '../errors.js';
import { loadEncryptionConfig, type DecryptionError, type EncryptionConfig } from '../k8s/encryption/index.js';
import { escapeTerminal } from '../io/terminal.js';
import '../k8s/encryption/node-cipher.js'; // node:crypto as the AES implementation

export const ENCRYPTION_CONFIG_HELP =
  "decrypt k8s:enc: values with this EncryptionConfiguration (the file kube-apiserver's --encryption-provider-config reads)";

export function loadEncryptionConfigFile(file: string | undefined): EncryptionConfig | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReadError('encryption-config', (e as Error).message, { file });
  }
  return loadEncryptionConfig(text, file);
}

/** Counts and reports values that could not be decrypted. */
export class DecryptFailures {
  count = 0;
  report(err: DecryptionError): void {
    this.count++;
    process.stderr.write(`etcd-forensics: ${escapeTerminal(err.message, true)} (value shown encrypted)\n`);
  }
  /** The exit code: 1 when any value could not be decrypted. */
  exitCode(code = 0): number {
    return this.count > 0 ? Math.max(code, 1) : code;
  }
}
