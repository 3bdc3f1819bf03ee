// Runs the CLI in-process with what it prints captured: to completion (runCli) or in the background
// until the test stops it (startCli, for watch and serve).
import { main } from '../../../reconciler/cli/index.ts';

type Env = Record<string, string | undefined>;

/** `quiesce …argv` in-process: its exit code to come, and stdout, stderr and both (interleaved) so far. */
function capturedCli(argv: string[], env: Env, signal?: AbortSignal) {
  const out = { stdout: '', stderr: '', both: '' };
  const stream = (name: 'stdout' | 'stderr') => ({
    write: (text: string) => {
      out[name] += text;
      out.both += text;
      return true;
    },
    isTTY: false,
  });
  const code = main(argv, { stdout: stream('stdout'), stderr: stream('stderr'), env }, signal);
  return { code, out };
}

/** Exit code and output of `quiesce …argv`. */
export async function runCli(
  argv: string[],
  env: Env = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, out } = capturedCli(argv, env);
  return { code: await code, stdout: out.stdout, stderr: out.stderr };
}

/** A running command: its output so far (stdout and stderr), and a stop that resolves to the exit code. */
export function startCli(argv: string[], env: Env = {}) {
  const controller = new AbortController();
  const { code, out } = capturedCli(argv, env, controller.signal);
  return {
    output: () => out.both,
    async stop(): Promise<number> {
      controller.abort();
      return code;
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
