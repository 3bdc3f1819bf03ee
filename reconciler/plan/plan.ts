// The planner: a pure function of (desired, observed, now) → Plan, policy included. No I/O, no clock.
import type {
  DesiredState,
  Observations,
  PoolSpec,
  ServerObservation,
  ServerSpec,
} from '../model.ts';
import { budgetLimit } from './budget.ts';
import { dnsRuleViolation } from './dns-rule.ts';
import { serviceHealth } from './health.ts';
import type {
  Blocked,
  Change,
  Plan,
  PlanError,
  PoolStatus,
  ServiceStatusRow,
  Waiting,
} from './plan-types.ts';
import { serviceSteps } from './service-steps.ts';

interface ServerWork {
  server: ServerSpec;
  changes: Change[];
  /** Why the server is unavailable now ("RTCSRV Paused", "unreachable"), or empty when it is available. */
  unavailable: string[];
  pauses: boolean;
}

function reasonFor(server: ServerSpec, service: string, mode: string): string {
  const why = server.reason === null ? '' : ` (${server.reason})`;
  return mode === server.mode
    ? `server is ${mode}${why}`
    : `${service} is overridden to ${mode}${why}`;
}

/** Per-server work and status rows for one pool, before policy. */
function assessServer(
  pool: PoolSpec,
  server: ServerSpec,
  observed: ServerObservation | undefined,
  now: number,
  out: { waiting: Waiting[]; errors: PlanError[] },
): {
  work: ServerWork;
  status: PoolStatus['servers'][number];
  drainingSessions: number;
  drained: boolean;
} {
  const work: ServerWork = { server, changes: [], unavailable: [], pauses: false };
  const rows: ServiceStatusRow[] = [];
  let drainingSessions = 0;
  let drained = true;
  const base = { pool: pool.name, server: server.name };

  if (observed === undefined || !observed.ok) {
    const error =
      observed?.ok === false
        ? observed.error
        : { kind: 'Unexpected' as const, message: 'not observed' };
    out.errors.push({ ...base, service: null, kind: error.kind, message: error.message });
    work.unavailable.push(error.kind === 'Unreachable' ? 'unreachable' : error.kind);
    for (const { name, mode } of server.services) {
      rows.push({
        name,
        desired: mode,
        status: null,
        startType: null,
        sessions: null,
        sync: 'Unknown',
        health: 'Unknown',
      });
      if (mode === 'draining') drained = false;
    }
    return {
      work,
      status: {
        name: server.name,
        mode: server.mode,
        reason: server.reason,
        reachable: false,
        services: rows,
      },
      drainingSessions,
      drained,
    };
  }

  for (const { name, mode } of server.services) {
    // A pool manages a handful of services: a scan beats building a Map per server.
    const seen = observed.services.find((service) => service.name === name) ?? null;
    const health = serviceHealth(mode, seen, pool.drain.timeoutMs, now);
    let sync: ServiceStatusRow['sync'] = 'Synced';
    if (seen === null) {
      out.errors.push({
        ...base,
        service: name,
        kind: 'NotFound',
        message: `${name} was not reported`,
      });
      sync = 'Unknown';
    } else {
      if (seen.status !== 'Running') work.unavailable.push(`${name} ${seen.status}`);
      const verdict = serviceSteps(mode, seen);
      if (verdict.kind === 'waiting') {
        out.waiting.push({
          ...base,
          service: name,
          status: seen.status,
          message: `${name} is ${seen.status}; re-observing`,
        });
        sync = 'OutOfSync';
      } else if (verdict.kind === 'error') {
        out.errors.push({ ...base, service: name, kind: 'CannotPause', message: verdict.message });
        sync = 'OutOfSync';
      } else if (verdict.steps.length > 0) {
        let before = { status: seen.status, startType: seen.startType };
        for (const step of verdict.steps) {
          work.changes.push({
            ...base,
            service: name,
            action: step.action,
            before,
            after: step.after,
            reason: reasonFor(server, name, mode),
          });
          before = step.after;
          if (step.action === 'pause') work.pauses = true;
        }
        sync = 'OutOfSync';
      }
      if (mode === 'draining') {
        drainingSessions += seen.sessions ?? 0;
        if (health !== 'Drained' && health !== 'Paused') drained = false;
      }
    }
    if (mode === 'draining' && seen === null) drained = false;
    rows.push({
      name,
      desired: mode,
      status: seen?.status ?? null,
      startType: seen?.startType ?? null,
      sessions: seen?.sessions ?? null,
      sync,
      health,
    });
  }
  return {
    work,
    status: {
      name: server.name,
      mode: server.mode,
      reason: server.reason,
      reachable: true,
      services: rows,
    },
    drainingSessions,
    drained,
  };
}

/** Applies DESIGN §4 in declaration order: returns the servers whose changes may run, and the blocked. */
function applyPolicy(
  pool: PoolSpec,
  work: ServerWork[],
): { allowed: ServerWork[]; blocked: Blocked[] } {
  const limit = budgetLimit(pool.budget, pool.servers.length);
  const dns = dnsRuleViolation(pool);
  const out = new Map(
    work
      .slice(0, limit.scope)
      .filter((w) => w.unavailable.length > 0)
      .map((w) => [w.server.name, w]),
  );
  const allowed: ServerWork[] = [];
  const blocked: Blocked[] = [];
  for (const [index, w] of work.entries()) {
    if (!w.pauses) {
      allowed.push(w);
      continue;
    }
    if (dns !== null) {
      blocked.push({
        pool: pool.name,
        server: w.server.name,
        rule: 'dns-load-balancing',
        message: `draining ${w.server.name}: ${dns}`,
      });
      continue;
    }
    const newlyUnavailable = w.unavailable.length === 0 && index < limit.scope;
    if (newlyUnavailable && out.size + 1 > limit.limit) {
      const list = [...out.values()].map((o) => `${o.server.name} (${o.unavailable.join(', ')})`);
      const scope =
        limit.scope === pool.servers.length ? `${pool.servers.length}` : `the first ${limit.scope}`;
      blocked.push({
        pool: pool.name,
        server: w.server.name,
        rule: limit.rule,
        message:
          `draining ${w.server.name} would make ${out.size + 1} of ${scope} servers unavailable; ` +
          `${limit.describe} allows ${limit.limit}. Unavailable now: ${list.length > 0 ? list.join('; ') : 'none'}`,
      });
      continue;
    }
    if (newlyUnavailable) out.set(w.server.name, { ...w, unavailable: ['draining'] });
    allowed.push(w);
  }
  return { allowed, blocked };
}

/** The plan for `desired` given `observed` at time `now` (ms since epoch). Deterministic: declaration order. */
export function buildPlan(
  desired: DesiredState,
  observed: Observations,
  now: number,
  revision: string | null = null,
): Plan {
  const changes: Change[] = [];
  const blocked: Blocked[] = [];
  const out = { waiting: [] as Waiting[], errors: [] as PlanError[] };
  const pools: PoolStatus[] = [];
  let drainingSessions = 0;
  let drained = true;
  for (const pool of desired.pools) {
    const seen = observed.get(pool.name);
    const assessed = pool.servers.map((server) =>
      assessServer(pool, server, seen?.get(server.name), now, out),
    );
    const policy = applyPolicy(
      pool,
      assessed.map((a) => a.work),
    );
    for (const w of policy.allowed) changes.push(...w.changes);
    blocked.push(...policy.blocked);
    pools.push({ name: pool.name, servers: assessed.map((a) => a.status) });
    for (const a of assessed) {
      drainingSessions += a.drainingSessions;
      drained &&= a.drained;
    }
  }
  const converged =
    changes.length === 0 &&
    blocked.length === 0 &&
    out.waiting.length === 0 &&
    out.errors.length === 0 &&
    drained;
  return {
    formatVersion: 1,
    revision,
    changes,
    blocked,
    waiting: out.waiting,
    errors: out.errors,
    summary: {
      changes: changes.length,
      blocked: blocked.length,
      waiting: out.waiting.length,
      errors: out.errors.length,
      converged,
      drainingSessions,
    },
    pools,
  };
}
