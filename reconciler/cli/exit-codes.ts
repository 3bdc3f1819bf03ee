// Exit codes as documented in docs/cli.md (docs/design.md §6).

/** Process exit codes quiesce uses. */
export const ExitCode = {
  ok: 0,
  error: 1,
  changes: 2,
  blocked: 3,
  timedOut: 4,
  usage: 64,
} as const;

/** One of ExitCode's values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
