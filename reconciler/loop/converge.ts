// Reconcile: observe → plan → run, once, or (with wait) until drains finish or time runs out.

import { ok } from 'neverthrow';
import { observeAll } from '../apply/observe-all.ts';
import type { RoundPlanner } from '../apply/round-context.ts';
import { type RoundRuntime, runRoundActions } from '../apply/round-runtime.ts';
import { type RunContext, type RunResult, runPlan, type StepFailure } from '../apply/run-plan.ts';
import type { StateError } from '../errors.ts';
import type { DesiredState, Observations } from '../model.ts';
import type { Plan } from '../plan/index.ts';
import { NO_MAINTENANCE, planWithMaintenance } from '../plan/maintenance/maintenance-plan.ts';
import type { Round } from '../plan/maintenance/round-types.ts';
import { stillMoving } from '../status/moving.ts';
import { RoundActions } from './round-actions.ts';

/** Everything a reconcile needs; the engine builds it. What running the steps needs comes from RunContext. */
export interface ConvergeOptions extends Omit<RunContext, 'pools'> {
  desired: DesiredState;
  sleep: (ms: number) => Promise<void>;
  /** Keep going until converged or `timeoutMs` passes. */
  wait: boolean;
  timeoutMs: number;
  /** Pause between rounds while waiting. */
  pollMs: number;
  /** Observe and plan only: never run a step (watch --mode monitor). */
  dryRun?: boolean;
  onPlan?: (plan: Plan, observed: Observations) => void;
  /** With wait: only closed windows hold the plan, and one opens at `until`, before the timeout; the reconcile sleeps till then. */
  onWaitForWindow?: (until: number, plan: Plan) => void;
  /**
   * The first round's observations, made already (apply makes them while it takes its locks, each pool once
   * its lock is held): the first round plans these instead of observing.
   */
  first?: Observations;
  /** Runs on each round's observations before planning (records them; fills in drain starts). */
  observed?: (observed: Observations) => Promise<Observations>;
  /** Plans each round (engine/plan-inputs.ts assembles its inputs); without it, rounds have no records. */
  plan?: RoundPlanner;
  /** Maintenance rounds: hooks and gates (without it, rounds are planned but nothing is done). */
  rollouts?: RoundRuntime;
  /** Wait for the hooks this reconcile started before returning (apply; a watcher lets them run on). */
  awaitHooks?: boolean;
}

/** How a reconcile ended. */
export interface ConvergeResult {
  /** The first plan (what was decided) and the last one (where things stand). */
  firstPlan: Plan;
  lastPlan: Plan;
  /** Service steps run. */
  executed: number;
  /** The rounds' own actions audited: drains started, hooks ended, servers recorded done. */
  roundActions: number;
  /** Failed steps, and hooks of this reconcile that failed (kind HookFailed). */
  failures: StepFailure[];
  timedOut: boolean;
  interrupted: boolean;
  /** A round record could not be read or written; nothing more was done. */
  stateError?: StateError;
  /** When time alone changes something (a window opens, a pool has settled). */
  wakeAt?: number | null;
}

/** Errors that time may clear: a server unreachable or busy, counters that could not be read this time. */
const PASSING = new Set(['Unreachable', 'Timeout', 'Busy', 'CountersUnreadable']);
const terminal = (plan: Plan) => plan.errors.some((e) => !PASSING.has(e.kind));

/** Runs reconcile rounds; every round re-observes everything from scratch. */
export async function converge(options: ConvergeOptions): Promise<ConvergeResult> {
  const started = options.now();
  let firstPlan: Plan | null = null;
  let executed = 0;
  const failures: StepFailure[] = [];
  const acted = new RoundActions();
  const audit = acted.wrap(options.audit);
  const planner = options.plan ?? withoutRecords(options);
  let given = options.first;
  for (;;) {
    const actedBefore = acted.count;
    const observed = await observe(options, given);
    given = undefined;
    const runtime = options.dryRun ? undefined : options.rollouts;
    let stateError: StateError | null = null;
    const round = await planner(observed, runtime !== undefined);
    // The one fallback: records that cannot be read leave a plan without rounds, and the reconcile stops.
    const planned = round.isOk() ? round.value.planned : plainPlan(options, observed);
    if (round.isErr()) stateError = round.error;
    let { plan, wakeAt } = planned;
    const { rollouts } = planned;
    if (round.isOk() && runtime !== undefined) {
      // Exactly the plan's round actions: drains and returns recorded, hooks started.
      const done = await runRoundActions(options.desired, rollouts, round.value.records, {
        runtime,
        revision: options.revision,
        now: options.now,
        audit,
      });
      if (done.isErr()) stateError = done.error;
    }
    firstPlan ??= plan;
    options.onPlan?.(plan, observed);
    const done = async (extra: Partial<ConvergeResult> = {}): Promise<ConvergeResult> => {
      if (options.awaitHooks && options.rollouts !== undefined) {
        const hooks = options.rollouts.hooks.live.size;
        await options.rollouts.hooks.settled();
        // The round moved since this plan (hooks ended, drains started, servers done): plan where it stands now.
        if (
          stateError === null &&
          !options.signal?.aborted &&
          (hooks > 0 || acted.count > actedBefore)
        ) {
          const after = await observe(options);
          const next = await planner(after, false);
          if (next.isErr()) stateError = next.error;
          else {
            ({ plan, wakeAt } = next.value.planned);
            options.onPlan?.(plan, after);
          }
        }
      }
      return {
        firstPlan: firstPlan as Plan,
        lastPlan: plan,
        executed,
        roundActions: acted.count,
        failures: [...failures, ...acted.failures(plan)],
        timedOut: false,
        interrupted: options.signal?.aborted ?? false,
        wakeAt,
        ...(stateError === null ? {} : { stateError }),
        ...extra,
      };
    };
    if (stateError !== null) return done();
    let run: RunResult = { executed: 0, failures: [], interrupted: false };
    if (plan.changes.length > 0 && !options.dryRun && !options.signal?.aborted) {
      run = await runPlan(plan.changes, { ...options, audit, pools: options.desired.pools });
      executed += run.executed;
      failures.push(...run.failures);
    }
    if (!options.wait || options.signal?.aborted || run.interrupted) return done();
    const hooks = runtime?.hooks.live.size ?? 0;
    if (plan.summary.converged && hooks === 0) return done();
    // Nothing left that time can fix: only blocked changes or terminal errors.
    const moving =
      stillMoving(plan.summary) || hooks > 0 || rollouts.some((r) => roundMoving(r, plan));
    if (!moving && (plan.blocked.length > 0 || terminal(plan) || run.failures.length > 0)) {
      // A window that opens before the timeout is worth waiting for; anything else that blocks is not.
      const opensAt = windowOpensInTime(options, plan, wakeAt, started, run.failures.length);
      if (opensAt === null) return done();
      options.onWaitForWindow?.(opensAt, plan);
      await sleepUntil(options, opensAt);
      continue;
    }
    if (options.now() - started >= options.timeoutMs) {
      // Time ran out while this round's steps ran: the plan to report is where they left things, not the one
      // they came from (whose steps are done, and whose sessions were read before any drain began).
      if (run.executed > 0) {
        const after = await observe(options);
        const next = await planner(after, false);
        if (next.isErr()) stateError = next.error;
        else {
          ({ plan, wakeAt } = next.value.planned);
          options.onPlan?.(plan, after);
        }
      }
      return done({ timedOut: true });
    }
    const pause = Math.min(
      options.pollMs,
      Math.max(0, options.timeoutMs - (options.now() - started)),
    );
    // A hook that ends is worth a look at once: its server returns.
    if (hooks > 0 && runtime !== undefined) await runtime.hooks.any(pause);
    else await options.sleep(pause);
  }
}

/**
 * When the plan is held only until a window opens (no terminal error, no failed step) and the earliest opening
 * is before the timeout: that time; else null.
 */
function windowOpensInTime(
  options: ConvergeOptions,
  plan: Plan,
  wakeAt: number | null | undefined,
  started: number,
  failedSteps: number,
): number | null {
  if (wakeAt == null || failedSteps > 0 || terminal(plan) || plan.blocked.length === 0) return null;
  if (!plan.blocked.some((b) => b.rule === 'maintenance-window')) return null;
  const now = options.now();
  if (wakeAt <= now || wakeAt > started + options.timeoutMs) return null;
  return wakeAt;
}

/** Sleeps until `until` by the reconcile's clock, in pollMs steps, so that a stop signal is heard. */
async function sleepUntil(options: ConvergeOptions, until: number): Promise<void> {
  while (!options.signal?.aborted && options.now() < until)
    await options.sleep(Math.max(1, Math.min(options.pollMs, until - options.now())));
}

/** Observes every pool (or takes the observations `given`), through `options.observed` when set. */
async function observe(options: ConvergeOptions, given?: Observations): Promise<Observations> {
  const seen =
    given ??
    (await observeAll(options.desired, options.drivers, options.concurrency, options.retry));
  return options.observed === undefined ? seen : await options.observed(seen);
}

/** A plan without rounds' records, gate answers or hooks (a reconcile given no planner; records unreadable). */
function plainPlan(options: ConvergeOptions, observed: Observations) {
  return planWithMaintenance(
    options.desired,
    observed,
    options.now(),
    options.revision,
    NO_MAINTENANCE,
  );
}

/** The planner of a reconcile given none: every round planned without records. */
const withoutRecords =
  (options: ConvergeOptions): RoundPlanner =>
  async (observed) =>
    ok({ planned: plainPlan(options, observed), records: new Map() });

/** A round that time moves on: acting, in flight, settling or asking a Busy gate again (not one held by a window or gate). */
function roundMoving(rollout: Round, plan: Plan): boolean {
  if (rollout.state === 'running') return true;
  if (rollout.state !== 'waiting') return false;
  return !plan.blocked.some((b) => b.pool === rollout.pool && b.rule.startsWith('maintenance-'));
}
