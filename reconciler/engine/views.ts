// What apply leaves in the state store for `quiesce serve`: each pool as the run left it (steps, rounds, windows).
import type { RoundRuntime } from '../apply/round-runtime.ts';
import type { DesiredState, Observations, Revision } from '../model.ts';
import type { Plan } from '../plan/index.ts';
import { type FleetView, fleetView } from '../report/fleet-view.ts';
import { anyStalled, appliedRevision, conditions, planFleetStatus } from '../status/index.ts';
import { roundPlanner } from './plan-inputs.ts';

/** How the run went, for the view's conditions and revisions. */
export interface AppliedRun {
  desired: DesiredState;
  revision: Revision;
  source: string;
  /** The run's last observations (observed again after its steps, when it ran any). */
  observed: Observations;
  /** The run's last plan: it decides whether the run ended clean, and is shown when no round's records can be read. */
  lastPlan: Plan;
  runtime: RoundRuntime;
  /** When the run started and how long it took (the system clock). */
  started: number;
  durationMs: number;
  executed: number;
  /** Steps that failed so far. */
  failed: number;
  /** Whether the run was stopped before its end. */
  interrupted?: boolean;
  /** The rounds' and windows' clock. */
  now: number;
}

/** The view of the fleet where apply left it: planned afresh from the last observations, with the rounds' records. */
export async function appliedView(run: AppliedRun): Promise<FleetView> {
  const { desired, revision, observed, runtime, now } = run;
  const planned = await roundPlanner({ desired, revision, now: () => now, runtime })(
    observed,
    false,
  );
  return viewOfPlan(run, planned.isOk() ? planned.value.planned.plan : run.lastPlan);
}

/**
 * The view of a plan made from the run's observations (a reconcile's own plan needs no second planning). Its
 * `lastAppliedRevision` is the run's revision only when the run (so far) is clean, else null: the writer
 * keeps each pool's previous one then.
 */
export function viewOfPlan(run: AppliedRun, plan: Plan): FleetView {
  const { desired, revision, observed, now } = run;
  const at = new Date(run.started).toISOString();
  const pools = planFleetStatus(desired, plan, observed, now);
  const view = fleetView(
    {
      status: {
        formatVersion: 1,
        source: run.source,
        mode: 'apply',
        lastAppliedRevision: appliedRevision(null, revision, at, {
          failed: run.failed,
          cut: run.interrupted === true,
          plan: run.lastPlan,
        }),
        lastAttemptedRevision: { ...revision, at, errors: [] },
        conditions: [],
        pools: [],
        // When this view was made: serve shows each pool's age from it.
        lastReconcile: {
          at: new Date(run.started + run.durationMs).toISOString(),
          durationMs: run.durationMs,
          executed: run.executed,
        },
      },
      round: { plan, pools },
    },
    now,
  );
  return { ...view, conditions: conditions({ kind: 'valid' }, plan, anyStalled(pools)) };
}
