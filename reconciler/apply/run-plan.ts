// Runs exactly a plan's changes: per server in order, bounded concurrency, re-observing after each step.

import type { AuditEntry, StepRecord } from '../audit-record.ts';
import type { Driver } from '../drivers/driver.ts';
import type { DriverErrorKind } from '../errors.ts';
import {
  type PoolSpec,
  type Revision,
  type ServerObservation,
  type ServiceObservation,
  type ServiceState,
  type Step,
  unitNames,
} from '../model.ts';
import type { Change } from '../plan/index.ts';
import { forEachLimit } from './concurrency.ts';
import { observeServer } from './observe-all.ts';
import { type RetryPolicy, withRetry } from './retry.ts';

/** A step that failed, or whose result was not what the plan expected; or a round's hook that failed. */
export interface StepFailure {
  pool: string;
  server: string;
  service: string;
  action: Change['action'] | 'run-hook';
  kind: DriverErrorKind | 'Unexpected' | 'HookFailed';
  message: string;
}

/** What running a plan did. */
export interface RunResult {
  executed: number;
  failures: StepFailure[];
  /** True when a signal stopped it before every change ran. */
  interrupted: boolean;
}

/** What run-plan needs besides the changes. */
export interface RunContext {
  pools: readonly PoolSpec[];
  drivers: ReadonlyMap<string, Driver>;
  concurrency: number;
  retry: RetryPolicy;
  /** Records an executed step; awaited, so the record is durable before the server's next step. */
  audit: (entry: AuditEntry) => void | Promise<void>;
  /** The fence: false when the pool's lock was lost, and no further step may run. */
  fence?: (pool: string) => Promise<boolean>;
  /**
   * Called with the first step of each server's service, as it will be audited if it goes well: the drains
   * they begin have their records written first, side by side (engine/drain-intent.ts). Once per
   * `concurrency` servers, in plan order: the first before any step, each next one while the servers before
   * it step, every server waiting for its own before its first step. The steps after a service's first
   * continue the same drain or return. False: not all written, and the servers it was for (and after) do not
   * step.
   */
  intend?: (steps: readonly StepRecord[]) => Promise<boolean>;
  revision: Revision | null;
  now: () => number;
  signal?: AbortSignal;
  onStep?: (change: Change, outcome: 'ok' | 'error') => void;
  /**
   * Given, the read-back after a server's last step includes its session counters and is handed here: it is
   * where the run leaves that server, so the caller need not observe it again.
   */
  onServerObserved?: (pool: string, server: string, seen: ServerObservation) => void;
}

const SETTLING: Record<string, string[]> = {
  Paused: ['Paused', 'PausePending'],
  Running: ['Running', 'ContinuePending', 'StartPending'],
  Stopped: ['Stopped', 'StopPending'],
};

/** Whether what was observed is, or is on its way to, what the change expected. */
export function reached(expected: ServiceState, seen: ServiceObservation): boolean {
  const statuses = SETTLING[expected.status] ?? [expected.status];
  return (
    statuses.includes(seen.status) &&
    (expected.startType === null || seen.startType === expected.startType)
  );
}

/** The driver step of a change; a failover waits at most the pool's drain.timeout (`-WaitTime`). */
function stepOf(change: Change, pool: PoolSpec | undefined): Step {
  if (change.action === 'set-startup-type')
    return { action: 'set-startup-type', startType: change.after.startType ?? 'Automatic' };
  if (change.action === 'failover')
    return { action: 'failover', waitMs: pool?.drain.timeoutMs ?? 3_600_000 };
  return { action: change.action };
}

/** Groups changes by server, keeping the plan's order within each. */
function byServer(changes: readonly Change[]): Change[][] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.pool}\u0000${change.server}`;
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  return [...groups.values()];
}

/** The change's step as it will be audited if it goes well, made at `time` (ms). */
function stepRecord(change: Change, revision: Revision | null, time: number): StepRecord {
  return {
    time: new Date(time).toISOString(),
    revision,
    pool: change.pool,
    server: change.server,
    service: change.service,
    action: change.action,
    before: change.before,
    after: change.after,
    outcome: 'ok',
    error: null,
    durationMs: 0,
    ...(change.action === 'stop' ? { reason: change.reason } : {}),
  };
}

/** The first change of each server's service, in plan order: where a drain or a return begins. */
function firstOfEachService(groups: readonly Change[][]): Change[] {
  const firsts: Change[] = [];
  for (const group of groups) {
    const seen = new Set<string>();
    for (const change of group) {
      if (seen.has(change.service)) continue;
      seen.add(change.service);
      firsts.push(change);
    }
  }
  return firsts;
}

/** Runs the changes; one failed server never stops the others. */
export async function runPlan(changes: readonly Change[], context: RunContext): Promise<RunResult> {
  const result: RunResult = { executed: 0, failures: [], interrupted: false };
  const pools = new Map(context.pools.map((pool) => [pool.name, pool]));
  const groups = byServer(changes);
  const { concurrency } = context;
  /** Each `concurrency` servers' intents, written one after the other (the first before any step). */
  const intended: Promise<boolean>[] = [];
  if (context.intend !== undefined) {
    const intend = context.intend;
    const now = context.now();
    const intents = (some: Change[][]) =>
      firstOfEachService(some).map((c) => stepRecord(c, context.revision, now));
    for (let i = 0; i < groups.length; i += concurrency) {
      const chunk = groups.slice(i, i + concurrency);
      const before = intended.at(-1) ?? Promise.resolve(true);
      intended.push(before.then((ok) => ok && !context.signal?.aborted && intend(intents(chunk))));
    }
    if (intended.length > 0 && !(await intended[0])) return { ...result, interrupted: true };
  }
  const work = groups.map((group, i) => ({ group, chunk: Math.floor(i / concurrency) }));
  await forEachLimit(work, concurrency, async ({ group, chunk }) => {
    // A server steps once its drains' records are written (those past the first chunk: while others stepped).
    if (chunk > 0 && intended.length > 0 && !(await intended[chunk])) {
      result.interrupted = true;
      return;
    }
    for (const change of group) {
      const last = change === group[group.length - 1] && context.onServerObserved !== undefined;
      if (
        context.signal?.aborted ||
        (context.fence !== undefined && !(await context.fence(change.pool)))
      ) {
        result.interrupted = true;
        return;
      }
      const driver = context.drivers.get(change.pool) as Driver;
      const started = context.now();
      const step = stepRecord(change, context.revision, started);
      const ran = await withRetry(
        () => driver.run(change.server, change.service, stepOf(change, pools.get(change.pool))),
        context.retry,
      );
      const entry: StepRecord = {
        ...step,
        outcome: ran.isOk() ? 'ok' : 'error',
        error: ran.isErr() ? { kind: ran.error.kind, message: ran.error.message } : null,
        durationMs: Math.round(context.now() - started),
      };
      const pool = pools.get(change.pool);
      const services = pool === undefined ? [change.service] : unitNames(pool);
      // A read-back of status and startup type, made while the audit record is written (both must be done
      // before the server's next step): session counters are read when a drain's completion needs them, and
      // after the server's last step when the caller keeps that read-back as where the run left it.
      const readBack = ran.map(() =>
        observeServer(driver, change.server, services, context.retry, { sessions: last }),
      );
      await context.audit(entry);
      result.executed++;
      context.onStep?.(change, entry.outcome);
      const fail = (kind: StepFailure['kind'], message: string) =>
        result.failures.push({
          pool: change.pool,
          server: change.server,
          service: change.service,
          action: change.action,
          kind,
          message,
        });
      if (readBack.isErr()) {
        fail(readBack.error.kind, readBack.error.message);
        return;
      }
      const seen = await readBack.value;
      if (last) context.onServerObserved?.(change.pool, change.server, seen);
      if (!seen.ok) {
        fail(seen.error.kind, `after ${change.action}: ${seen.error.message}`);
        return;
      }
      const service = seen.services.find((s) => s.name === change.service);
      if (service === undefined || !reached(change.after, service)) {
        const found = service === undefined ? 'nothing' : `${service.status}/${service.startType}`;
        fail(
          'Unexpected',
          `after ${change.action} expected ${change.after.status}/${change.after.startType}, found ${found}; stopped this server`,
        );
        return;
      }
    }
  });
  return result;
}
