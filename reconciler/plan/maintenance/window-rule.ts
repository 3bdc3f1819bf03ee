// The windows rule: the start of a drain waits for the pool's maintenance window; nothing else does.
import type { Observations, PoolSpec } from '../../model.ts';
import type { Blocked, Plan } from '../plan-types.ts';
import { isUnavailable } from './observed.ts';
import type { Rollout } from './rollout-types.ts';
import type { WindowVerdict } from './windows.ts';

/**
 * The windows rule: a drain that would start while the pool's window is closed waits (blocked, rule
 * maintenance-window). A drain already begun goes on, and returns are never held back. Returns the pools held.
 * Not a rule of plan/policy/ (yet): it runs on the finished plan, after the budget has counted a held drain as
 * out, and it needs the round's own drains; as a rule it would change which rule blocks the pool's later servers.
 */
export function holdDrains(
  plan: Plan,
  pools: readonly PoolSpec[],
  observed: Observations,
  windows: ReadonlyMap<string, WindowVerdict>,
  rollouts: readonly Rollout[],
): Set<string> {
  const held = new Set<string>();
  const starting = new Set<string>();
  for (const change of plan.changes) {
    if (change.action !== 'pause') continue;
    const window = windows.get(change.pool);
    if (window === undefined || window.allowed) continue;
    // A round's own drains passed the window when they started: never hold those back.
    const rollout = rollouts.find((r) => r.pool === change.pool);
    if (rollout?.modes.get(change.server) === 'draining') continue;
    const pool = pools.find((p) => p.name === change.pool);
    if (pool === undefined || isUnavailable(pool, observed.get(pool.name)?.get(change.server)))
      continue;
    starting.add(`${change.pool}/${change.server}`);
  }
  if (starting.size === 0) return held;
  const blocked: Blocked[] = [];
  plan.changes = plan.changes.filter((change) => {
    const key = `${change.pool}/${change.server}`;
    if (!starting.has(key)) return true;
    if (!blocked.some((b) => b.pool === change.pool && b.server === change.server)) {
      const window = windows.get(change.pool) as WindowVerdict;
      held.add(change.pool);
      blocked.push({
        pool: change.pool,
        server: change.server,
        rule: 'maintenance-window',
        message: `draining ${change.server} waits for a maintenance window: ${window.text}`,
      });
    }
    return false;
  });
  plan.blocked.push(...blocked);
  plan.summary.changes = plan.changes.length;
  plan.summary.blocked = plan.blocked.length;
  plan.summary.converged = false;
  return held;
}
