// The policy and the holds: rules in the order they are asked; the first that blocks a drain decides.
import { budget } from './budget.ts';
import { dnsLoadBalancing } from './dns-load-balancing.ts';
import { maintenanceWindow } from './maintenance-window.ts';
import { quorum } from './quorum.ts';
import { roundGate } from './round-gate.ts';
import { roundWindow } from './round-window.ts';
import type { PolicyRule } from './rule.ts';
import { upgradeDomain } from './upgrade-domain.ts';

/** Every rule, in order (DESIGN §4): DNS load balancing, then the budget or the quorum, then upgrade domains. */
export const POLICY: readonly PolicyRule[] = [dnsLoadBalancing, budget, quorum, upgradeDomain];

/**
 * Holds on a drain the policy let through, in order. Asked after the budget has counted the drain as out, so a
 * held drain still counts against the pool's later servers (they get the budget's message, not the hold's).
 */
export const HOLDS: readonly PolicyRule[] = [maintenanceWindow];

/** Holds on a round's next drain (the round's servers, in its order): why the round cannot start it. */
export const ROUND_HOLDS: readonly PolicyRule[] = [roundWindow, roundGate];

export { type BudgetLimit, budgetLimit, budgetLimits } from './budget-limit.ts';
export { DNS_DEPENDENT, dnsRuleViolation } from './dns-load-balancing.ts';
export { PoolFleet, type PoolFleetView } from './fleet.ts';
export {
  LYNC_QUORUM_PRESETS,
  type LyncQuorumPreset,
  lync2013Quorum,
  lyncQuorum,
  presetSizes,
} from './lync-quorum.ts';
export { maintenanceWindow } from './maintenance-window.ts';
export { roundGate } from './round-gate.ts';
export { roundWindow } from './round-window.ts';
export { ALLOWED, type DrainProposal, type PolicyRule, type PolicyVerdict } from './rule.ts';
