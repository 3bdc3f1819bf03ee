// The records of the drains a pass begins, written before its first step: the startup type found is durable
// before the service changes, so a crash between a step and its audit cannot lose it (the next run would see
// Manual and keep it); a record whose step never happens is cleared by the next observation.
import type { StepRecord } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import { stepDrain } from '../state/step-drain.ts';
import type { DrainStore } from '../state/store.ts';

/**
 * run-plan's `intend`: opens the drain records the steps would open once done (an earlier open wins, so a
 * step's own audit changes nothing), side by side (a store groups them: one write per pool); true when there
 * is none to open or all are written, false (and `failed`, with the first error) when the store refused one:
 * no step is then run.
 */
export function drainIntent(store: DrainStore, failed: (error: StateError) => void) {
  return async (steps: readonly StepRecord[]): Promise<boolean> => {
    const opens = steps.flatMap((step) => {
      const change = stepDrain(step);
      return change !== null && 'open' in change ? [change.open] : [];
    });
    const written = await Promise.all(opens.map((open) => store.recordDrain(open)));
    for (const done of written)
      if (done.isErr()) {
        failed(done.error);
        return false;
      }
    return true;
  };
}
