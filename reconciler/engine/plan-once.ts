// planOnce: what apply would do now, from fresh observations or the store's last ones (--from-store). Read only.
import { err, ok, type Result } from 'neverthrow';
import { type EngineError, fromState } from '../errors.ts';
import type { Observations } from '../model.ts';
import type { MaintenancePlan } from '../plan/maintenance/maintenance-plan.ts';
import { observedFromStore } from './from-store.ts';
import type { Engine } from './open-engine.ts';
import { withDrainStarts } from './record-observed.ts';

/** Where planOnce takes its observations from. */
export interface PlanOnceOptions {
  /** The store's last observations instead of asking the servers. */
  fromStore: boolean;
}

/** The plan, the observations it was made from, and (from the store) a line per pool saying how old they are. */
export interface PlanOutcome {
  planned: MaintenancePlan;
  observed: Observations;
  /** From the store: one line per pool (age, observer); null when the servers were observed. */
  notes: string[] | null;
}

/** Observes (or reads the store's observations), closes the drivers, and plans once. Changes nothing. */
export async function planOnce(
  engine: Engine,
  options: PlanOnceOptions,
): Promise<Result<PlanOutcome, EngineError>> {
  let observed: Observations;
  let notes: string[] | null = null;
  if (options.fromStore) {
    const closed = await engine.closeDrivers();
    if (closed.isErr()) return err(closed.error);
    const seen = await observedFromStore(engine.store, engine.desired, engine.config.now());
    if (seen.isErr()) return err(fromState(seen.error));
    ({ observed, notes } = seen.value);
  } else {
    const seen = await engine.observe();
    const closed = await engine.closeDrivers();
    if (closed.isErr()) return err(closed.error);
    // As apply plans: each service's drain record says when it began and which startup type its return puts
    // back (read only: nothing is written).
    const filled = await withDrainStarts(engine.store, engine.desired, seen, engine.config.now());
    if (filled.isErr()) return err(fromState(filled.error));
    observed = filled.value;
  }
  const planned = await engine.plan(observed);
  if (planned.isErr()) return err(planned.error);
  return ok({ planned: planned.value, observed, notes });
}
