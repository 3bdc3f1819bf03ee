export { drainDone, serviceHealth } from './health.ts';
export { buildPlan } from './plan.ts';
export type * from './plan-types.ts';
export {
  budgetLimit,
  DNS_DEPENDENT,
  type DrainProposal,
  dnsRuleViolation,
  lync2013Quorum,
  POLICY,
  type PolicyRule,
  type PolicyVerdict,
} from './policy/index.ts';
export { serviceSteps } from './service-steps.ts';
