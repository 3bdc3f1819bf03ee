// plan/'s surface: the planner, the policy and its holds, the plan's types.
export { drainDone, serviceHealth } from './health.ts';
export type { PoolMaintenance } from './maintenance/pool-maintenance.ts';
export { buildPlan } from './plan.ts';
export type * from './plan-types.ts';
export {
  budgetLimit,
  budgetLimits,
  DNS_DEPENDENT,
  type DrainProposal,
  dnsRuleViolation,
  HOLDS,
  LYNC_QUORUM_PRESETS,
  type LyncQuorumPreset,
  lync2013Quorum,
  lyncQuorum,
  POLICY,
  type PolicyRule,
  type PolicyVerdict,
  presetSizes,
  ROUND_HOLDS,
} from './policy/index.ts';
export { serviceSteps } from './service-steps.ts';
