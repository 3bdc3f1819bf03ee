// A drain's record written before its first step runs: the startup type found is durable before the service
// changes, so a crash between the step and its audit cannot lose it (the next run would see Manual and keep it).
import type { StepRecord } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import { stepDrain } from '../state/step-drain.ts';
import type { DrainStore } from '../state/store.ts';

/**
 * run-plan's `intend`: opens the drain record the step would open once done (an earlier open wins, so the
 * step's own audit changes nothing); true when there is none to open or it is written, false (and `failed`)
 * when the store refused it: the step is then not run.
 */
export function drainIntent(store: DrainStore, failed: (error: StateError) => void) {
  return async (step: StepRecord): Promise<boolean> => {
    const change = stepDrain(step);
    if (change === null || !('open' in change)) return true;
    const written = await store.recordDrain(change.open);
    if (written.isOk()) return true;
    failed(written.error);
    return false;
  };
}
