// Where one server of a round stands, from its record and what is observed: the part of the derivation
// that needs no other server.
import type { Mode, PoolSpec, ServerObservation } from '../../model.ts';
import { isBack, isDrained } from './observed.ts';
import type { HookOutcome, RoundRecord, ServerPhase } from './round-types.ts';

/** One server's standing: not started yet (a candidate for the next drain), or its phase and what it needs. */
export type ServerProgress =
  | { kind: 'candidate' }
  | {
      kind: 'known';
      phase: ServerPhase;
      /** The mode the planner gives it while out for the round. */
      mode: Mode | null;
      /** Out of rotation for the budget. */
      out: boolean;
      /** Back in rotation and to be recorded done (now). */
      back?: boolean;
      /** Drained, and the hook may start (unless the round is stopped). */
      hookDue?: boolean;
      /** A hook started here or by a quiesce that died, with no end: run it again. */
      rerun?: boolean;
      /** Its hook failed: the round is stopped. */
      failed?: boolean;
    };

/**
 * How a hook failed, said once: `hook failed (exit 3)`, `hook failed: was killed by SIGKILL`, `hook failed:
 * ran longer than its timeout (1m) and was killed`, `hook failed (exit 1): could not start …`.
 */
export function hookFailure(hook: HookOutcome): string {
  const code = hook.exitCode === null ? '' : ` (exit ${hook.exitCode})`;
  if (hook.kind === 'Exit') return `hook failed${code}`;
  return `hook failed${code}: ${hook.message.replace(/^hook /, '')}`;
}

/** The progress of a server of the round that is not declared draining. */
export function serverProgress(
  pool: PoolSpec,
  record: RoundRecord | undefined,
  observed: ServerObservation | undefined,
  live: boolean,
  now: number,
): ServerProgress {
  if (record?.doneAt != null)
    return { kind: 'known', phase: { phase: 'done', at: record.doneAt }, mode: null, out: false };
  if (record?.drainStartedAt == null) return { kind: 'candidate' };
  if (record.hook?.ok) {
    // Returns are never held back: not by windows, gates, settle or a stopped round.
    const back = isBack(pool, observed);
    const phase: ServerPhase = { phase: 'returning', since: record.hookEndedAt ?? now };
    return { kind: 'known', phase, mode: 'active', out: !back, back };
  }
  if (record.hook !== null) {
    const message = hookFailure(record.hook);
    const phase: ServerPhase = {
      phase: 'stalled',
      reason: 'hook-failed',
      message,
      hook: record.hook,
    };
    return { kind: 'known', phase, mode: 'draining', out: true, failed: true };
  }
  if (record.hookStartedAt !== null) {
    // Started and never ended: run it again unless it is running here (hooks run at least once).
    const phase: ServerPhase = { phase: 'hook-running', since: record.hookStartedAt };
    return { kind: 'known', phase, mode: 'draining', out: true, rerun: !live };
  }
  const drained = isDrained(pool, observed, now);
  if (!drained && now - record.drainStartedAt > pool.drain.timeoutMs) {
    const phase: ServerPhase = {
      phase: 'stalled',
      reason: 'drain-timeout',
      message: 'drain passed drain.timeout; the hook runs once the server is drained',
      hook: null,
    };
    return { kind: 'known', phase, mode: 'draining', out: true };
  }
  const phase: ServerPhase = { phase: 'draining', since: record.drainStartedAt, drained };
  return { kind: 'known', phase, mode: 'draining', out: true, hookDue: drained };
}
