// The budget rule: maxUnavailable or minActive caps how many of the pool's servers are out at once.
import { budgetLimit } from './budget-limit.ts';
import { ALLOWED, type PolicyRule } from './rule.ts';
import { withinLimit } from './unavailable-limit.ts';

/** Blocks a drain that would take more servers out than the pool's maxUnavailable/minActive allows. */
export const budget: PolicyRule = (drain) => {
  const { pool } = drain;
  if (pool.budget.kind === 'quorum') return ALLOWED;
  return withinLimit(drain, budgetLimit(pool.budget, pool.servers.length));
};
