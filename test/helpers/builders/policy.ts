// Helpers for policy tests: a proposed drain as the planner hands it to a rule, and what a plan let through.
import type { Observations, PoolSpec } from '../../../reconciler/model.ts';
import type { buildPlan } from '../../../reconciler/plan/index.ts';
import type { DrainProposal } from '../../../reconciler/plan/policy/index.ts';
import { PoolFleet } from '../../../reconciler/plan/policy/index.ts';

/** A service observed paused by a drain (startup type Manual). */
export const paused = { status: 'Paused' as const, startType: 'Manual' as const };

/** The servers whose drains a plan lets through, in plan order. */
export const allowedDrains = (plan: ReturnType<typeof buildPlan>) => [
  ...new Set(plan.changes.filter((c) => c.action === 'pause').map((c) => c.server)),
];

/** The servers a plan blocked, in plan order. */
export const blockedServers = (plan: ReturnType<typeof buildPlan>) =>
  plan.blocked.map((b) => b.server);

/** The drain of `server` in `pool` as the planner proposes it; `draining` were let through earlier in the plan. */
export function drainOf(
  pool: PoolSpec,
  server: string,
  observed: Observations,
  draining: string[] = [],
  now = 0,
): DrainProposal {
  const fleet = new PoolFleet(pool, observed.get(pool.name));
  const at = (name: string) => pool.servers.findIndex((s) => s.name === name);
  for (const name of draining) fleet.markDraining(at(name));
  const index = at(server);
  if (index < 0) throw new Error(`no server ${server} in ${pool.name}`);
  return { pool, server: pool.servers[index]!, index, fleet, now };
}
