// The planner: a pure function of (desired, observed, now) → Plan, policy included. No I/O, no clock.
import {
  type DesiredState,
  DRAIN_ACTIONS,
  type Observations,
  type PoolSpec,
  type Revision,
  type ServerObservation,
  type ServerSpec,
} from '../model.ts';
import { drainDone, serviceHealth } from './health.ts';
import { maintenanceItems, type PoolMaintenance } from './maintenance/pool-maintenance.ts';
import { computerStepsLast, methodsWithoutPause } from './method-steps.ts';
import type {
  Blocked,
  Change,
  Plan,
  PlanError,
  RoundView,
  Waiting,
  WindowView,
} from './plan-types.ts';
import { firstBlock } from './policy/ask.ts';
import { PoolFleet } from './policy/fleet.ts';
import { HOLDS, POLICY } from './policy/index.ts';
import type { DrainProposal } from './policy/rule.ts';
import { serviceSteps } from './service-steps.ts';
import { timeoutStop } from './timeout-stop.ts';

/** Accumulates one plan. */
class PlanBuilder {
  readonly changes: Change[] = [];
  /** Refused by the policy; then held by a hold; then the rounds' held next drains (the plan lists them so). */
  readonly blocked: Blocked[] = [];
  readonly held: Blocked[] = [];
  readonly roundBlocked: Blocked[] = [];
  readonly waiting: Waiting[] = [];
  /** Observation and step errors; then the rounds' failed hooks. */
  readonly errors: PlanError[] = [];
  readonly roundErrors: PlanError[] = [];
  readonly rollouts: RoundView[] = [];
  readonly windows: WindowView[] = [];
  drainingSessions = 0;
  drained = true;
  unfinished = false;

  constructor(private readonly now: number) {}

  /**
   * Plans one pool: per-service steps; on each drain the policy's rules, then the holds (plan/policy/), in
   * order; then the holds on its round's next drain; then its round and windows as the plan shows them.
   */
  pool(
    pool: PoolSpec,
    observed: ReadonlyMap<string, ServerObservation> | undefined,
    maintenance: PoolMaintenance | undefined,
  ): void {
    const fleet = new PoolFleet(pool, observed);
    const now = this.now;
    const proposal = (server: ServerSpec, index: number): DrainProposal => ({
      pool,
      server,
      index,
      fleet,
      now,
      ...(maintenance === undefined ? {} : maintenance),
    });
    pool.servers.forEach((server, index) => {
      const changes = this.server(pool, server, observed?.get(server.name));
      if (changes === null) return;
      const pauses = changes.some((change) => DRAIN_ACTIONS.includes(change.action));
      if (pauses) {
        const drain = proposal(server, index);
        const refused = firstBlock(POLICY, drain);
        if (refused !== null) {
          this.blocked.push(refused);
          return;
        }
        fleet.markDraining(index);
        const held = firstBlock(HOLDS, drain);
        if (held !== null) {
          this.held.push(held);
          return;
        }
      }
      this.changes.push(...changes);
    });
    if (maintenance === undefined) return;
    const items = maintenanceItems(pool, maintenance, now, proposal);
    if (items.window !== null) this.windows.push(items.window);
    if (items.round !== null) this.rollouts.push(items.round);
    if (items.round !== null && items.round.state !== 'done') this.unfinished = true;
    this.roundBlocked.push(...items.blocked);
    this.roundErrors.push(...items.errors);
  }

  /** The server's changes (null when none), recording waits, errors and drain progress on the way. */
  private server(
    pool: PoolSpec,
    server: ServerSpec,
    observed: ServerObservation | undefined,
  ): Change[] | null {
    if (observed === undefined || !observed.ok) {
      const error =
        observed?.ok === false
          ? observed.error
          : { kind: 'Unexpected' as const, message: 'not observed' };
      this.errors.push({
        pool: pool.name,
        server: server.name,
        service: null,
        kind: error.kind,
        message: error.message,
      });
      if (server.services.some((s) => s.mode === 'draining')) this.drained = false;
      return null;
    }
    let changes: Change[] | null = null;
    let cannotPause = false;
    for (const { name, mode } of server.services) {
      const seen = observed.services.find((service) => service.name === name);
      if (seen === undefined) {
        this.errors.push({
          pool: pool.name,
          server: server.name,
          service: name,
          kind: 'NotFound',
          message:
            observed.missing?.find((m) => m.service === name)?.message ??
            `${name} was not reported`,
        });
        if (mode === 'draining') this.drained = false;
        continue;
      }
      if (mode === 'draining') {
        // Only a service that has stopped taking new connections is draining; a blocked one still Running is not.
        if (seen.status !== 'Running') this.drainingSessions += seen.sessions ?? 0;
        const health = serviceHealth(mode, seen, pool.drain.timeoutMs, this.now);
        if (!drainDone(health)) this.drained = false;
        if (seen.sessionsUnreadable !== undefined && seen.status !== 'Running')
          this.errors.push({
            pool: pool.name,
            server: server.name,
            service: name,
            kind: 'CountersUnreadable',
            message: `${name} stays Draining: its session counters cannot be read (${seen.sessionsUnreadable}); a count that cannot be read never counts as zero. Check that quiesce can read them on ${server.name} (docs/drivers.md, "Prerequisites")`,
          });
      }
      const stop = mode === 'draining' ? timeoutStop(pool, seen, this.now) : null;
      // drain.method is the services' own; a load balancer's unit is always drained by its pause.
      const method = this.isService(pool, name) ? (pool.drain.method ?? 'pause') : 'pause';
      const verdict =
        stop === null
          ? serviceSteps(mode, seen, method)
          : { kind: 'steps' as const, steps: [stop] };
      if (verdict.kind === 'waiting') {
        this.waiting.push({
          pool: pool.name,
          server: server.name,
          service: name,
          status: seen.status,
          message: `${name} is ${seen.status}; re-observing`,
        });
      } else if (verdict.kind === 'error') {
        cannotPause = true;
        this.errors.push({
          pool: pool.name,
          server: server.name,
          service: name,
          kind: 'CannotPause',
          message: `${verdict.message} and this pool drains by pause; no step runs on ${server.name}, so it is never left half-drained. A method that would work: ${methodsWithoutPause(pool.budget)}; or declare ${name} active for ${server.name} with an override`,
        });
      } else if (verdict.steps.length > 0) {
        const why = server.reason === null ? '' : ` (${server.reason})`;
        const reason =
          mode === server.mode
            ? `server is ${mode}${why}`
            : `${name} is overridden to ${mode}${why}`;
        let before = { status: seen.status, startType: seen.startType };
        changes ??= [];
        for (const step of verdict.steps) {
          changes.push({
            pool: pool.name,
            server: server.name,
            service: name,
            action: step.action,
            before,
            after: step.after,
            reason: step.note === undefined ? reason : `${reason}; ${step.note}`,
          });
          before = step.after;
        }
      }
    }
    // One service that cannot pause holds back the whole server: no half-drained servers.
    return changes === null || cannotPause ? null : layered(pool, computerStepsLast(changes));
  }

  /** Whether `unit` is one of the pool's services (not a load balancer's unit). */
  private isService(pool: PoolSpec, unit: string): boolean {
    return !pool.units.some((u) => u.name === unit && u.role === 'loadBalancer');
  }
}

/** Load balancer drains run first and load balancer resumes run last, around the services' own steps. */
function layered(pool: PoolSpec, changes: Change[]): Change[] {
  const lb = (c: Change) =>
    pool.units.some((unit) => unit.name === c.service && unit.role === 'loadBalancer');
  const first = changes.filter((c) => lb(c) && c.action === 'pause');
  const last = changes.filter((c) => lb(c) && c.action !== 'pause');
  return first.length + last.length === 0
    ? changes
    : [...first, ...changes.filter((c) => !lb(c)), ...last];
}

/**
 * The plan for `desired` given `observed` at time `now` (ms since epoch), with the pools' windows and rounds
 * when `maintenance` gives them (by pool name). Deterministic: declaration order. Built in one pass: nothing
 * rewrites it afterwards.
 */
export function buildPlan(
  desired: DesiredState,
  observed: Observations,
  now: number,
  revision: Revision | null = null,
  maintenance: ReadonlyMap<string, PoolMaintenance> = new Map(),
): Plan {
  const builder = new PlanBuilder(now);
  const suspended: string[] = [];
  for (const pool of desired.pools) {
    if (pool.suspend) suspended.push(pool.name);
    else builder.pool(pool, observed.get(pool.name), maintenance.get(pool.name));
  }
  const { changes, waiting } = builder;
  const blocked = [...builder.blocked, ...builder.held, ...builder.roundBlocked];
  const errors = [...builder.errors, ...builder.roundErrors];
  const converged =
    changes.length === 0 &&
    blocked.length === 0 &&
    waiting.length === 0 &&
    errors.length === 0 &&
    builder.drained &&
    !builder.unfinished;
  return {
    formatVersion: 1,
    revision,
    changes,
    blocked,
    waiting,
    errors,
    summary: {
      changes: changes.length,
      blocked: blocked.length,
      waiting: waiting.length,
      errors: errors.length,
      converged,
      drainingSessions: builder.drainingSessions,
      suspended,
      roundActions: builder.rollouts
        .filter((r) => r.state !== 'done')
        .reduce((n, r) => n + r.actions.length, 0),
    },
    ...(builder.rollouts.length === 0 ? {} : { rollouts: builder.rollouts }),
    ...(builder.windows.length === 0 ? {} : { windows: builder.windows }),
  };
}
