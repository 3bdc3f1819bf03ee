// The quorum rule: a lync2013 pool keeps enough of its first servers up for the Front End quorum.
import { ALLOWED, type PolicyRule } from './rule.ts';
import { withinLimit } from './unavailable-limit.ts';

/** Blocks a drain that would leave fewer of the first N servers up than the pool's quorum requires. */
export const quorum: PolicyRule = (drain) => {
  if (drain.pool.budget.kind !== 'quorum') return ALLOWED;
  return withinLimit(drain);
};
