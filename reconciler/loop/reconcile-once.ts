// One level-triggered reconcile: read the source, keep the last good revision, observe, plan, act, record.

import { converge, type RetryPolicy } from '../apply/index.ts';
import type { RolloutRuntime } from '../apply/rollout-runtime.ts';
import type { AuditEntry } from '../audit-record.ts';
import type { Driver } from '../drivers/driver.ts';
import type { DesiredState, Observations, Revision } from '../model.ts';
import { fleetStatus, type Plan } from '../plan/index.ts';
import type { Condition, PoolSummary, WatchStatus } from '../status/types.ts';
import type { DesiredSource, SourceRead } from './source/index.ts';

/** What the loop tells the outside world (the CLI renders it). */
export type LoopEvent =
  | { kind: 'source'; read: SourceRead }
  | { kind: 'plan'; plan: Plan; observed: Observations; desired: DesiredState }
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
  /** Runs on each round's observations before planning (records them; fills in drain starts). */
  observed?: (observed: Observations) => Promise<Observations>;
  writeStatus(status: WatchStatus): void;
  concurrency: number;
  retry: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  emit(event: LoopEvent): void;
  /** Maintenance rounds (apply mode): records, hooks that run on across rounds, gate answers. */
  rollouts?: RolloutRuntime;
}

/** What carries over from one reconcile to the next. */
export interface LoopState {
  lastGood: { desired: DesiredState; revision: Revision } | null;
  status: WatchStatus;
  /** When time alone changes something (a maintenance window opens, a pool has settled): reconcile then. */
  wakeAt?: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function summaries(
  desired: DesiredState,
  plan: Plan,
  observed: Observations,
  now: number,
): PoolSummary[] {
  return fleetStatus(desired, observed, now).map((pool) => {
    const services = pool.servers.flatMap((s) => s.services);
    const count = (items: { pool: string }[]) =>
      items.filter((item) => item.pool === pool.name).length;
    return {
      name: pool.name,
      suspended: pool.suspended,
      servers: pool.servers.length,
      draining: pool.servers.filter((s) => s.services.some((x) => x.desired === 'draining')).length,
      drained: pool.servers.filter(
        (s) =>
          s.services.some((x) => x.desired === 'draining') &&
          s.services.every(
            (x) => x.desired !== 'draining' || x.health === 'Drained' || x.health === 'Paused',
          ),
      ).length,
      sessions: services
        .filter((s) => s.desired === 'draining')
        .reduce((n, s) => n + (s.sessions ?? 0), 0),
      changes: count(plan.changes),
      blocked: count(plan.blocked),
      errors: count(plan.errors),
    };
  });
}

function conditions(read: SourceRead, plan: Plan | null, stalledHealth: boolean): Condition[] {
  const s = plan?.summary;
  const moving = s !== undefined && (s.changes > 0 || s.waiting > 0 || s.drainingSessions > 0);
  let ready: Condition = {
    type: 'Ready',
    status: true,
    reason: 'ReconciliationSucceeded',
    message: 'the fleet matches the desired state',
  };
  let stalled: Condition = { type: 'Stalled', status: false, reason: 'Progressing', message: '' };
  if (read.kind === 'invalid') {
    const first = read.issues[0];
    const message = `${read.revision.id} is invalid (${read.issues.length} problems; first: ${first?.file}:${first?.line}:${first?.column} ${first?.message}); the last good revision stays in force`;
    ready = { type: 'Ready', status: false, reason: 'ValidationFailed', message };
    stalled = { type: 'Stalled', status: true, reason: 'ValidationFailed', message };
  } else if (read.kind === 'unavailable') {
    ready = {
      type: 'Ready',
      status: false,
      reason: 'SourceUnavailable',
      message: `${read.error.kind}: ${read.error.message}; retrying in ${Math.round(read.retryInMs / 1000)}s`,
    };
  } else if (plan === null) {
    ready = {
      type: 'Ready',
      status: false,
      reason: 'NoRevision',
      message: 'no valid revision yet',
    };
  }
  if (plan !== null && ready.status) {
    if (s && s.blocked > 0)
      ready = {
        type: 'Ready',
        status: false,
        reason: 'Blocked',
        message: plan.blocked.map((b) => b.message).join('; '),
      };
    else if (s && s.errors > 0)
      ready = {
        type: 'Ready',
        status: false,
        reason: 'DriverErrors',
        message: plan.errors.map((e) => `${e.server}: ${e.message}`).join('; '),
      };
    else if (!s?.converged)
      ready = {
        type: 'Ready',
        status: false,
        reason: 'Progressing',
        message: `${s?.drainingSessions ?? 0} sessions still draining`,
      };
  }
  if (!stalled.status && plan !== null && (plan.blocked.length > 0 || stalledHealth)) {
    stalled = {
      type: 'Stalled',
      status: true,
      reason: plan.blocked.length > 0 ? 'Blocked' : 'DrainTimeout',
      message:
        plan.blocked.length > 0 ? 'changes are blocked by policy' : 'a drain passed its timeout',
    };
  }
  const reconciling: Condition = moving
    ? {
        type: 'Reconciling',
        status: true,
        reason: 'Progressing',
        message: `${s?.changes ?? 0} changes, ${s?.waiting ?? 0} waiting, ${s?.drainingSessions ?? 0} sessions draining`,
      }
    : { type: 'Reconciling', status: false, reason: 'Idle', message: '' };
  return [ready, reconciling, stalled];
}

/**
 * Runs one reconcile round and writes status; never throws for bad input or unreachable servers.
 * Returns whether to come back soon: steps ran or services are pending, so the next round can go further.
 */
export async function reconcileOnce(ctx: LoopContext, state: LoopState): Promise<boolean> {
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
        wait: false,
        timeoutMs: 0,
        pollMs: 0,
        signal: ctx.signal,
        dryRun: ctx.mode === 'monitor',
        rollouts: ctx.rollouts,
        onPlan: (p, observed) => {
          ctx.emit({ kind: 'plan', plan: p, observed, desired });
          state.status.pools = summaries(desired, p, observed, ctx.now());
          stalledHealth = fleetStatus(desired, observed, ctx.now()).some((pool) =>
            pool.servers.some((s) => s.services.some((x) => x.health === 'Stalled')),
          );
        },
      });
      plan = result.firstPlan;
      executed = result.executed;
      state.wakeAt = result.wakeAt ?? null;
      rounds =
        (ctx.rollouts?.hooks.live.size ?? 0) > 0 ||
        (result.lastPlan.rollouts ?? []).some((r) => r.state === 'running');
    } finally {
      await close();
    }
    if (ctx.mode === 'apply') state.status.lastAppliedRevision = { ...revision, at: iso(started) };
  }
  state.status.conditions = conditions(read, plan, stalledHealth);
  state.status.lastReconcile = {
    at: iso(started),
    durationMs: Math.round(ctx.now() - started),
    executed,
  };
  ctx.writeStatus(state.status);
  ctx.emit({ kind: 'status', status: state.status });
  return executed > 0 || (plan?.waiting.length ?? 0) > 0 || rounds;
}
