// Wraps a command's async action: the returned number becomes process.exitCode and
// thrown errors go to main's one-line reporter.
import { Output } from './output/stdout.js';

export type ActionResult = number | void;

/**
 * `action(async (out, ...args) => code)`: gives the handler a fresh Output, flushes it,
 * and sets the exit code. Never calls process.exit().
 */
export function action<A extends unknown[]>(
  fn: (out: Output, ...args: A) => Promise<ActionResult>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const out = new Output();
    try {
      const code = await fn(out, ...args);
      await out.flush();
      if (typeof code === 'number' && code !== 0) process.exitCode = code;
    } catch (err) {
      await out.flush().catch(() => undefined);
      throw err;
    }
  };
}
