// Reconcile: observe → plan → run, once, or (with wait) until drains finish or time runs out.

import type { DesiredState, Observations } from '../model.ts';
import { buildPlan, type Plan } from '../plan/index.ts';
import { observeAll } from './observe-all.ts';
import { type RunContext, type RunResult, runPlan, type StepFailure } from './run-plan.ts';

/** Everything a reconcile needs; the CLI builds it. What running the steps needs comes from RunContext. */
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
  /** Runs on each round's observations before planning (records them; fills in drain starts). */
  observed?: (observed: Observations) => Promise<Observations>;
}

/** How a reconcile ended. */
export interface ConvergeResult {
  /** The first plan (what was decided) and the last one (where things stand). */
  firstPlan: Plan;
  lastPlan: Plan;
  executed: number;
  failures: StepFailure[];
  timedOut: boolean;
  interrupted: boolean;
}

const terminal = (plan: Plan) =>
  plan.errors.some((e) => e.kind !== 'Unreachable' && e.kind !== 'Timeout' && e.kind !== 'Busy');

/** Runs reconcile rounds; every round re-observes everything from scratch. */
export async function converge(options: ConvergeOptions): Promise<ConvergeResult> {
  const started = options.now();
  let firstPlan: Plan | null = null;
  let executed = 0;
  const failures: StepFailure[] = [];
  for (;;) {
    const seen = await observeAll(
      options.desired,
      options.drivers,
      options.concurrency,
      options.retry,
    );
    const observed = options.observed === undefined ? seen : await options.observed(seen);
    const plan = buildPlan(options.desired, observed, options.now(), options.revision);
    firstPlan ??= plan;
    options.onPlan?.(plan, observed);
    const done = (extra: Partial<ConvergeResult> = {}): ConvergeResult => ({
      firstPlan: firstPlan as Plan,
      lastPlan: plan,
      executed,
      failures,
      timedOut: false,
      interrupted: options.signal?.aborted ?? false,
      ...extra,
    });
    let run: RunResult = { executed: 0, failures: [], interrupted: false };
    if (plan.changes.length > 0 && !options.dryRun && !options.signal?.aborted) {
      run = await runPlan(plan.changes, { ...options, pools: options.desired.pools });
      executed += run.executed;
      failures.push(...run.failures);
    }
    if (!options.wait || options.signal?.aborted || run.interrupted) return done();
    if (plan.summary.converged) return done();
    // Nothing left that time can fix: only blocked changes or terminal errors.
    const moving =
      plan.changes.length > 0 || plan.waiting.length > 0 || plan.summary.drainingSessions > 0;
    if (!moving && (plan.blocked.length > 0 || terminal(plan) || run.failures.length > 0))
      return done();
    if (options.now() - started >= options.timeoutMs) return done({ timedOut: true });
    await options.sleep(
      Math.min(options.pollMs, Math.max(0, options.timeoutMs - (options.now() - started))),
    );
  }
}
