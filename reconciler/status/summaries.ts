// One summary line per pool for status.json, from the round's fleet status and plan. Pure.
import { drainDone } from '../plan/health.ts';
import type { Plan } from '../plan/plan-types.ts';
import type { PoolStatus, PoolSummary } from './types.ts';

/** Each pool's counts: servers, draining and drained, open sessions, changes, blocks and errors. */
export function poolSummaries(pools: PoolStatus[], plan: Plan): PoolSummary[] {
  return pools.map((pool) => {
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
          s.services.every((x) => x.desired !== 'draining' || drainDone(x.health)),
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

/** Whether any service in these pools is Stalled (a drain passed its timeout). */
export function anyStalled(pools: PoolStatus[]): boolean {
  return pools.some((pool) =>
    pool.servers.some((s) => s.services.some((x) => x.health === 'Stalled')),
  );
}
