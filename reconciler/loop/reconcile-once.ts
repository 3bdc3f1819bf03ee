// One level-triggered reconcile: read the source, keep the last good revision, observe, plan, act, record.

import type { RetryPolicy } from '../apply/index.ts';
import type { RoundPlanner } from '../apply/round-context.ts';
import type { RoundRuntime } from '../apply/round-runtime.ts';
import type { AuditEntry, StepRecord } from '../audit-record.ts';
import type { Driver } from '../drivers/driver.ts';
import type { DesiredState, Observations, Revision } from '../model.ts';
import type { Plan } from '../plan/index.ts';
import { appliedRevision, type RunEnd } from '../status/applied-revision.ts';
import {
  anyStalled,
  conditions,
  type PoolStatus,
  planFleetStatus,
  poolSummaries,
  type WatchStatus,
} from '../status/index.ts';
import { converge } from './converge.ts';
import { requeueAfter } from './requeue.ts';
import type { DesiredSource, SourceRead } from './source/index.ts';

/** What the loop tells the outside world (the CLI renders it). */
export type LoopEvent =
  | { kind: 'source'; read: SourceRead }
  | {
      kind: 'plan';
      plan: Plan;
      observed: Observations;
      desired: DesiredState;
      /** The round's fleet status, computed once for status, progress and the surfaces. */
      pools: PoolStatus[];
    }
  | { kind: 'step'; entry: AuditEntry }
  | { kind: 'status'; status: WatchStatus };

/** Everything a reconcile needs; built once by the CLI. */
export interface LoopContext {
  source: DesiredSource;
  mode: 'apply' | 'monitor';
  openDrivers(desired: DesiredState): { drivers: Map<string, Driver>; close(): Promise<void> };
  audit(entry: AuditEntry): void | Promise<void>;
  /** The fence, checked before each step: false when the pool is no longer ours, and no step may run. */
  fence?: (pool: string) => Promise<boolean>;
  /** Before a pass's first step: the drains it begins have their records written first (run-plan's `intend`). */
  intend?: (steps: readonly StepRecord[]) => Promise<boolean>;
  /** Runs on each round's observations before planning (records them; fills in drain starts). */
  observed?: (observed: Observations) => Promise<Observations>;
  writeStatus(status: WatchStatus): void;
  concurrency: number;
  retry: RetryPolicy;
  /** Delay of the next round after one that ran steps or saw pending services. Default 1 s. */
  requeueMs?: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  emit(event: LoopEvent): void;
  /** Maintenance rounds (apply mode): records, hooks that run on across rounds, gate answers. */
  rollouts?: RoundRuntime;
  /** The planner of a revision's rounds (engine/plan-inputs.ts); without it, rounds are planned without records. */
  planner?: (desired: DesiredState, revision: Revision) => RoundPlanner;
}

/** What carries over from one reconcile to the next. */
export interface LoopState {
  lastGood: { desired: DesiredState; revision: Revision } | null;
  status: WatchStatus;
}

/** How a round ended, like controller-runtime's Result: when to reconcile again (null: no requeue). */
export interface ReconcileResult {
  requeueAfterMs: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Runs one reconcile round and writes status; never throws for bad input or unreachable servers.
 * Asks to be requeued soon when steps ran or services are pending (the next round can go further), or
 * when time alone changes something (a maintenance window opens, a pool has settled, a hook times out).
 */
export async function reconcileOnce(ctx: LoopContext, state: LoopState): Promise<ReconcileResult> {
  const started = ctx.now();
  const read = await ctx.source.read();
  ctx.emit({ kind: 'source', read });
  if (read.kind === 'valid') state.lastGood = { desired: read.desired, revision: read.revision };
  if (read.kind !== 'unavailable') {
    state.status.lastAttemptedRevision = {
      ...read.revision,
      at: iso(started),
      errors: read.kind === 'invalid' ? read.issues : [],
    };
  }
  let plan: Plan | null = null;
  let executed = 0;
  let rounds = false;
  let stalledHealth = false;
  let wakeAt: number | null = null;
  let end: RunEnd | null = null;
  if (state.lastGood !== null) {
    const { desired, revision } = state.lastGood;
    const { drivers, close } = ctx.openDrivers(desired);
    try {
      const result = await converge({
        desired,
        drivers,
        concurrency: ctx.concurrency,
        retry: ctx.retry,
        audit: async (entry) => {
          await ctx.audit(entry);
          ctx.emit({ kind: 'step', entry });
        },
        revision,
        now: ctx.now,
        sleep: ctx.sleep,
        ...(ctx.observed === undefined ? {} : { observed: ctx.observed }),
        ...(ctx.fence === undefined ? {} : { fence: ctx.fence }),
        ...(ctx.intend === undefined ? {} : { intend: ctx.intend }),
        wait: false,
        timeoutMs: 0,
        pollMs: 0,
        signal: ctx.signal,
        dryRun: ctx.mode === 'monitor',
        rollouts: ctx.rollouts,
        ...(ctx.planner === undefined ? {} : { plan: ctx.planner(desired, revision) }),
        onPlan: (p, observed) => {
          const pools = planFleetStatus(desired, p, observed, ctx.now());
          ctx.emit({ kind: 'plan', plan: p, observed, desired, pools });
          state.status.pools = poolSummaries(pools, p);
          stalledHealth = anyStalled(pools);
        },
      });
      plan = result.firstPlan;
      executed = result.executed;
      wakeAt = result.wakeAt ?? null;
      end = {
        failed: result.failures.length,
        cut: result.stateError !== undefined || result.interrupted,
        plan,
      };
      rounds =
        (ctx.rollouts?.hooks.live.size ?? 0) > 0 ||
        (result.lastPlan.rollouts ?? []).some((r) => r.state === 'running');
    } finally {
      await close();
    }
    // Applied only when the reconcile ended clean (the one rule, status/applied-revision.ts).
    if (ctx.mode === 'apply' && end !== null)
      state.status.lastAppliedRevision = appliedRevision(
        state.status.lastAppliedRevision,
        revision,
        iso(started),
        end,
      );
  }
  state.status.conditions = conditions(read, plan, stalledHealth);
  state.status.lastReconcile = {
    at: iso(started),
    durationMs: Math.round(ctx.now() - started),
    executed,
  };
  ctx.writeStatus(state.status);
  ctx.emit({ kind: 'status', status: state.status });
  const soon = executed > 0 || (plan?.waiting.length ?? 0) > 0 || rounds;
  return { requeueAfterMs: requeueAfter(soon, ctx.requeueMs ?? 1000, wakeAt, ctx.now()) };
}
