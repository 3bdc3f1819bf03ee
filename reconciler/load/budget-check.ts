// Budgets that cannot work for the pool's size: a Lync quorum preset outside its table's sizes, or one that drains
// nothing.
import type { Budget } from '../model.ts';
import { budgetLimit, lyncQuorum, presetSizes } from '../plan/index.ts';

/** Each preset's product, for messages. */
const PRODUCT = {
  lync2013: 'Lync Server 2013',
  sfb2015: 'Skype for Business Server 2015',
  sfb2019: 'Skype for Business Server 2019',
} as const;

/** What is wrong with a pool's budget for `size` servers, and what to do; null when it can drain. */
export function budgetProblem(
  budget: Budget,
  size: number,
): { message: string; hint: string } | null {
  const servers = `${size} server${size === 1 ? '' : 's'}`;
  if (budget.kind === 'quorum') {
    const { preset } = budget;
    if (lyncQuorum(preset, size) !== null) return null;
    const { min, max } = presetSizes(preset);
    const hint =
      preset === 'sfb2019'
        ? size > max
          ? 'a Skype for Business Server 2019 Front End pool has at most 16 servers; use maxUnavailable or minActive for other pools'
          : 'Skype for Business Server 2019 does not support Enterprise Edition Front End pools of two servers; a two-server pool is Lync Server 2013 or Skype for Business Server 2015 (quorum lync2013 or sfb2015)'
        : size > max
          ? `a ${PRODUCT[preset]} Front End pool has at most 12 servers (Skype for Business Server 2019 allows 16: quorum sfb2019)`
          : `a ${PRODUCT[preset]} Front End pool has 2 to 12 servers; use maxUnavailable or minActive for other pools`;
    return {
      message: `quorum ${preset} is defined for pools of ${min} to ${max} Front End servers; this pool has ${servers}`,
      hint,
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
