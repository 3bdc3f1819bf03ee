// Budgets that cannot work for the pool's size: the lync2013 quorum outside 2–12 servers, or one that drains nothing.
import type { Budget } from '../model.ts';
import { budgetLimit, lync2013Quorum } from '../plan/index.ts';

/** What is wrong with a pool's budget for `size` servers, and what to do; null when it can drain. */
export function budgetProblem(
  budget: Budget,
  size: number,
): { message: string; hint: string } | null {
  const servers = `${size} server${size === 1 ? '' : 's'}`;
  if (budget.kind === 'quorum') {
    if (lync2013Quorum(size) !== null) return null;
    return {
      message: `quorum lync2013 is defined for pools of 2 to 12 Front End servers; this pool has ${servers}`,
      hint: 'a Lync Server 2013 or Skype for Business Front End pool has 2 to 12 servers; use maxUnavailable or minActive for other pools',
    };
  }
  const { describe, limit } = budgetLimit(budget, size);
  if (limit > 0) return null;
  const message = `${describe} can never drain a server of this pool (${servers})`;
  if (budget.kind === 'maxUnavailable') {
    // Only percentages can round down to 0: a whole number is at least 1.
    return { message, hint: `use at least ${Math.ceil(100 / size)}% (1 of ${servers}), or 1` };
  }
  if (size === 1)
    return { message, hint: 'a pool of one server drains only with maxUnavailable: 1' };
  const most =
    budget.count.kind === 'absolute' ? `${size - 1}` : `${Math.floor((100 * (size - 1)) / size)}%`;
  return { message, hint: `use minActive ${most} or less, so that one server may drain` };
}
