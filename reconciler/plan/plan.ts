// The planner: a pure function of (desired, observed, now) → Plan, policy included. No I/O, no clock.
import type {
  DesiredState,
  Observations,
  PoolSpec,
  Revision,
  ServerObservation,
  ServerSpec,
} from '../model.ts';
import { drainDone, serviceHealth } from './health.ts';
import type { Blocked, Change, Plan, PlanError, Waiting } from './plan-types.ts';
import { PoolFleet } from './policy/fleet.ts';
import { POLICY } from './policy/index.ts';
import { serviceSteps } from './service-steps.ts';

/** Accumulates one plan. */
class PlanBuilder {
  readonly changes: Change[] = [];
  readonly blocked: Blocked[] = [];
  readonly waiting: Waiting[] = [];
  readonly errors: PlanError[] = [];
  drainingSessions = 0;
  drained = true;

  constructor(private readonly now: number) {}

  /** Plans one pool: per-service steps, then the policy's rules (plan/policy/) on each drain, in order. */
  pool(pool: PoolSpec, observed: ReadonlyMap<string, ServerObservation> | undefined): void {
    const fleet = new PoolFleet(pool, observed);
    pool.servers.forEach((server, index) => {
      const changes = this.server(pool, server, observed?.get(server.name));
      if (changes === null) return;
      const pauses = changes.some((change) => change.action === 'pause');
      if (pauses) {
        const drain = { pool, server, index, fleet, now: this.now };
        for (const rule of POLICY) {
          const verdict = rule(drain);
          if (verdict.kind === 'allowed') continue;
          const { rule: name, message } = verdict;
          this.blocked.push({ pool: pool.name, server: server.name, rule: name, message });
          return;
        }
        fleet.markDraining(index);
      }
      this.changes.push(...changes);
    });
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
          message: `${name} was not reported`,
        });
        if (mode === 'draining') this.drained = false;
        continue;
      }
      if (mode === 'draining') {
        // Only a service that has stopped taking new connections is draining; a blocked one still Running is not.
        if (seen.status !== 'Running') this.drainingSessions += seen.sessions ?? 0;
        const health = serviceHealth(mode, seen, pool.drain.timeoutMs, this.now);
        if (!drainDone(health)) this.drained = false;
      }
      const verdict = serviceSteps(mode, seen);
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
          message: `${verdict.message}; no step runs on ${server.name}, so it is never left half-drained. Fix the service's pause support, or declare ${name} active for ${server.name} with an override`,
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
            reason,
          });
          before = step.after;
        }
      }
    }
    // One service that cannot pause holds back the whole server: no half-drained servers.
    return changes === null || cannotPause ? null : layered(pool, changes);
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

/** The plan for `desired` given `observed` at time `now` (ms since epoch). Deterministic: declaration order. */
export function buildPlan(
  desired: DesiredState,
  observed: Observations,
  now: number,
  revision: Revision | null = null,
): Plan {
  const builder = new PlanBuilder(now);
  const suspended: string[] = [];
  for (const pool of desired.pools) {
    if (pool.suspend) suspended.push(pool.name);
    else builder.pool(pool, observed.get(pool.name));
  }
  const { changes, blocked, waiting, errors } = builder;
  const converged =
    changes.length === 0 &&
    blocked.length === 0 &&
    waiting.length === 0 &&
    errors.length === 0 &&
    builder.drained;
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
    },
  };
}
