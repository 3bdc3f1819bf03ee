// Runs a long-lived CLI command (watch) in-process until the test stops it.
import { main } from '../../reconciler/cli/index.ts';

/** A running command: its output so far, and a stop that resolves to the exit code. */
export function startCli(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  const controller = new AbortController();
  const done = main(
    argv,
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stdout += text), isTTY: false },
      env,
    },
    controller.signal,
  );
  return {
    output: () => stdout,
    async stop(): Promise<number> {
      controller.abort();
      return done;
    },
  };
}

/** Resolves when `check()` is true; fails after `ms`. */
export async function until(check: () => boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
