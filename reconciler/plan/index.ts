// plan/'s surface: the planner, the policy and its holds, the plan's types.
export { drainDone, serviceHealth } from './health.ts';
export type { PoolMaintenance } from './maintenance/pool-maintenance.ts';
export { buildPlan } from './plan.ts';
export type * from './plan-types.ts';
export {
  budgetLimit,
  DNS_DEPENDENT,
  type DrainProposal,
  dnsRuleViolation,
  HOLDS,
  lync2013Quorum,
  POLICY,
  type PolicyRule,
  type PolicyVerdict,
  ROUND_HOLDS,
} from './policy/index.ts';
export { serviceSteps } from './service-steps.ts';
