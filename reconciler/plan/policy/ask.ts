// How the planner asks a list of rules about a drain: in order, and the first that blocks it decides.
import type { Blocked } from '../plan-types.ts';
import type { DrainProposal, PolicyRule } from './rule.ts';

/** The first of `rules` that blocks `drain`, as the plan records it, or null when none does. */
export function firstBlock(rules: readonly PolicyRule[], drain: DrainProposal): Blocked | null {
  for (const rule of rules) {
    const verdict = rule(drain);
    if (verdict.kind === 'allowed') continue;
    const { rule: name, message } = verdict;
    return { pool: drain.pool.name, server: drain.server.name, rule: name, message };
  }
  return null;
}
