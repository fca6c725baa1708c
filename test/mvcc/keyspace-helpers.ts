// Shared by the keyspace tests.
import { openKeyspace, type Keyspace } from '../../src/mvcc/keyspace/index.js';

/** Opens a keyspace, runs `fn`, closes it. */
export async function withKs<T>(path: string, fn: (ks: Keyspace) => Promise<T>): Promise<T> {
  const ks = await openKeyspace(path);
  try {
    return await fn(ks);
  } finally {
    await ks.close();
  }
}
