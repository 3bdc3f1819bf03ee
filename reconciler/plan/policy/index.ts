// The policy: rules in the order they are asked; the first that blocks a drain decides.
import { budget } from './budget.ts';
import { dnsLoadBalancing } from './dns-load-balancing.ts';
import { quorum } from './quorum.ts';
import type { PolicyRule } from './rule.ts';

/** Every rule, in order (DESIGN §4): DNS load balancing, then the budget or the quorum. */
export const POLICY: readonly PolicyRule[] = [dnsLoadBalancing, budget, quorum];

export { type BudgetLimit, budgetLimit } from './budget-limit.ts';
export { DNS_DEPENDENT, dnsRuleViolation } from './dns-load-balancing.ts';
export { type FleetView, PoolFleet } from './fleet.ts';
export { lync2013Quorum } from './lync2013-quorum.ts';
export { ALLOWED, type DrainProposal, type PolicyRule, type PolicyVerdict } from './rule.ts';
