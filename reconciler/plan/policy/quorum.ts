// The quorum rule: a Lync pool keeps enough of its first servers up for the Front End quorum; only a drain of
// the Front End service (RTCSRV) uses quorum budget.
import { drainCounts } from './fleet.ts';
import { ALLOWED, type PolicyRule } from './rule.ts';
import { withinLimit } from './unavailable-limit.ts';

/** Blocks a drain that would leave fewer of the first N servers up than the pool's quorum requires. */
export const quorum: PolicyRule = (drain) => {
  if (drain.pool.budget.kind !== 'quorum') return ALLOWED;
  if (!drainCounts(drain.pool, drain.server)) return ALLOWED;
  return withinLimit(drain);
};
