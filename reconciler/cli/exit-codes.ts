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

/** apply's exit code from how its reconcile ended: 1 (failed, interrupted, errors), then 4 (timed out), then 3 (blocked). */
export function applyExitCode(result: {
  interrupted: boolean;
  failures: readonly unknown[];
  timedOut: boolean;
  lastPlan: { errors: readonly unknown[]; blocked: readonly unknown[] };
}): ExitCodeValue {
  const last = result.lastPlan;
  if (result.interrupted || result.failures.length > 0 || last.errors.length > 0)
    return ExitCode.error;
  if (result.timedOut) return ExitCode.timedOut;
  // The state at the end decides: a change the first plan blocked but a later round ran is done.
  if (last.blocked.length > 0) return ExitCode.blocked;
  return ExitCode.ok;
}
