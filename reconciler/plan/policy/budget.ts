// The budget rule: maxUnavailable or minActive caps how many of the pool's servers are out at once.
import { ALLOWED, type PolicyRule } from './rule.ts';
import { withinLimit } from './unavailable-limit.ts';

/** Blocks a drain that would take more servers out than the pool's maxUnavailable/minActive allows. */
export const budget: PolicyRule = (drain) => {
  if (drain.pool.budget.kind === 'quorum') return ALLOWED;
  return withinLimit(drain);
};
