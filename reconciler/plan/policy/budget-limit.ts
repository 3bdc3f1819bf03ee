// A pool's budget as a limit: at most `limit` of the first `scope` servers unavailable at once.
import type { Budget } from '../../model.ts';
import { lync2013Quorum } from './lync2013-quorum.ts';

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
    case 'quorum': {
      const quorum = lync2013Quorum(size);
      if (quorum === null)
        return {
          rule: 'quorum',
          scope: size,
          limit: 0,
          describe: `quorum lync2013 (undefined for ${size} servers)`,
        };
      const first = quorum.of === size ? '' : ` of the first ${quorum.of}`;
      return {
        rule: 'quorum',
        scope: quorum.of,
        limit: quorum.of - quorum.required,
        describe: `quorum lync2013 (${quorum.required}${first} must stay up)`,
      };
    }
  }
}
