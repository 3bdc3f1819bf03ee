// The one rule for lastAppliedRevision: a revision is applied only when its round (or run) ends clean.
import type { ConvergeResult } from './converge.ts';

/**
 * Whether a reconcile ended clean: no step or hook failed, every record was written, it was neither stopped
 * nor out of time, and where it left things nothing is blocked and no server erred (as Flux sets
 * lastAppliedRevision). Watch rounds and apply runs, and every view made of them, use this rule.
 */
export function endedClean(
  result: Pick<ConvergeResult, 'failures' | 'stateError' | 'timedOut' | 'interrupted' | 'lastPlan'>,
): boolean {
  return (
    result.failures.length === 0 &&
    result.stateError === undefined &&
    !result.timedOut &&
    !result.interrupted &&
    result.lastPlan.blocked.length === 0 &&
    result.lastPlan.errors.length === 0
  );
}
