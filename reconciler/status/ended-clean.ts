// The one rule for lastAppliedRevision: a revision is applied only when its round (or run) ends clean.
import type { Plan } from '../plan/index.ts';

/** What a reconcile's end says about it (loop/'s ConvergeResult has this shape). */
export interface ReconcileEnd {
  failures: readonly unknown[];
  /** A record that could not be read or written. */
  stateError?: unknown;
  timedOut: boolean;
  interrupted: boolean;
  /** Where it left things. */
  lastPlan: Pick<Plan, 'blocked' | 'errors'>;
}

/**
 * Whether a reconcile ended clean: no step or hook failed, every record was written, it was neither stopped
 * nor out of time, and where it left things nothing is blocked and no server erred (as Flux sets
 * lastAppliedRevision). Watch rounds and apply runs, and every view made of them, use this rule.
 */
export function endedClean(result: ReconcileEnd): boolean {
  return (
    result.failures.length === 0 &&
    result.stateError === undefined &&
    !result.timedOut &&
    !result.interrupted &&
    result.lastPlan.blocked.length === 0 &&
    result.lastPlan.errors.length === 0
  );
}
