// The check budget and quorum share: would this drain take more of the first N servers out than the limit allows?
import type { PoolSpec } from '../../model.ts';
import { type BudgetLimit, budgetLimits } from './budget-limit.ts';
import { ALLOWED, type DrainProposal, type PolicyVerdict } from './rule.ts';

/** The pool's budget as limits (a fact of the pool: worked out once per plan through `PoolFleetView.once`). */
const poolLimits = (pool: PoolSpec) => budgetLimits(pool.budget, pool.servers.length);

/** Blocked when the server is available and one more out would exceed any of the budget's limits. */
export function withinLimit(drain: DrainProposal): PolicyVerdict {
  for (const limit of drain.fleet.once(poolLimits)) {
    const verdict = withinOne(drain, limit);
    if (verdict.kind === 'blocked') return verdict;
  }
  return ALLOWED;
}

/** Blocked when the server is available, within the limit's scope, and one more out would exceed it. */
function withinOne(drain: DrainProposal, limit: BudgetLimit): PolicyVerdict {
  const { pool, server, index, fleet } = drain;
  if (index >= limit.scope || fleet.reasons(index) !== null) return ALLOWED;
  const out = fleet.unavailableIn(limit.scope);
  if (out + 1 <= limit.limit) return ALLOWED;
  const list = pool.servers.flatMap((s, i) => {
    const reasons = i < limit.scope ? fleet.reasons(i) : null;
    return reasons !== null ? [`${s.name} (${reasons.join(', ')})`] : [];
  });
  const scope =
    limit.scope === pool.servers.length ? `${pool.servers.length}` : `the first ${limit.scope}`;
  return {
    kind: 'blocked',
    rule: limit.rule,
    message:
      `draining ${server.name} would make ${out + 1} of ${scope} servers unavailable; ` +
      `${limit.describe} allows ${limit.limit}. Unavailable now: ${list.length > 0 ? list.join('; ') : 'none'}`,
  };
}
