// The process's side of the CLI, passed in so commands can be run in-process by tests.

/** Somewhere to write text; `isTTY` decides colours and in-place redraws. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width, when it is a terminal. */
  columns?: number;
}

/** What a command may touch of the process. */
export interface Io {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
}

/** Whether to colour output written to `out` (a TTY, and NO_COLOR not set). */
export function colourFor(out: Output, env: Io['env']): boolean {
  return out.isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}
