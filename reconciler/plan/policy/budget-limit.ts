// A pool's budget as a limit: at most `limit` of the first `scope` servers unavailable at once.
import type { Budget } from '../../model.ts';
import { lyncQuorum } from './lync-quorum.ts';

/** How many of the first `scope` servers may be unavailable, and how to name the rule. */
export interface BudgetLimit {
  rule: 'maxUnavailable' | 'minActive' | 'quorum';
  scope: number;
  limit: number;
  describe: string;
}

/** The limit a budget sets for a pool of `size` servers; percentages round so it is never exceeded. */
export function budgetLimit(budget: Budget, size: number): BudgetLimit {
  switch (budget.kind) {
    case 'maxUnavailable': {
      const { count } = budget;
      const limit =
        count.kind === 'absolute' ? count.value : Math.floor((size * count.value) / 100);
      const text =
        count.kind === 'absolute' ? `${count.value}` : `${count.value}% (${limit} of ${size})`;
      return { rule: 'maxUnavailable', scope: size, limit, describe: `maxUnavailable ${text}` };
    }
    case 'minActive': {
      const { count } = budget;
      const active =
        count.kind === 'absolute' ? count.value : Math.ceil((size * count.value) / 100);
      const text =
        count.kind === 'absolute' ? `${count.value}` : `${count.value}% (${active} of ${size})`;
      return {
        rule: 'minActive',
        scope: size,
        limit: Math.max(0, size - active),
        describe: `minActive ${text}`,
      };
    }
    case 'quorum':
      return budgetLimits(budget, size)[0] as BudgetLimit;
  }
}

/**
 * Every limit a budget sets for a pool of `size` servers: one, or for a quorum preset one per row of its table
 * that covers the size (all must hold). A quorum undefined for the size allows nothing.
 */
export function budgetLimits(budget: Budget, size: number): BudgetLimit[] {
  if (budget.kind !== 'quorum') return [budgetLimit(budget, size)];
  const rows = lyncQuorum(budget.preset, size);
  if (rows === null)
    return [
      {
        rule: 'quorum',
        scope: size,
        limit: 0,
        describe: `quorum ${budget.preset} (undefined for ${size} servers)`,
      },
    ];
  return rows.map((row) => {
    const first = row.of === size ? '' : ` of the first ${row.of}`;
    return {
      rule: 'quorum',
      scope: row.of,
      limit: row.of - row.required,
      describe: `quorum ${budget.preset} (${row.required}${first} must stay up)`,
    };
  });
}
