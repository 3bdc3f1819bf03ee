// The one rule for `lastAppliedRevision`: a revision counts as applied only when a reconcile or a run ends clean. Pure.
import type { Revision } from '../model.ts';
import type { Plan } from '../plan/plan-types.ts';
import type { WatchStatus } from './types.ts';

/** How a reconcile (watch, apply --wait) or a run (apply) ended, as far as the rule needs to know. */
export interface RunEnd {
  /** Steps that failed. */
  failed: number;
  /** Whether the store could not record it, or it was stopped before its end. */
  cut: boolean;
  /** The plan that decides: blocked changes and plan errors (null: nothing was planned). */
  plan: Pick<Plan, 'blocked' | 'errors'> | null;
}

/** Whether a reconcile or run ended clean: no failed step, no blocked change, no plan error, not cut short. */
export const endedClean = (end: RunEnd): boolean =>
  end.failed === 0 &&
  !end.cut &&
  end.plan !== null &&
  end.plan.blocked.length === 0 &&
  end.plan.errors.length === 0;

/** The applied revision after `end`: `revision` at `at` when it ended clean, else the one before (kept as it was). */
export const appliedRevision = (
  previous: WatchStatus['lastAppliedRevision'],
  revision: Revision,
  at: string,
  end: RunEnd,
): WatchStatus['lastAppliedRevision'] => (endedClean(end) ? { ...revision, at } : previous);
