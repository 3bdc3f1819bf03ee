export { budgetLimit } from './budget.ts';
export { DNS_DEPENDENT, dnsRuleViolation } from './dns-rule.ts';
export { drainDone, serviceHealth } from './health.ts';
export { buildPlan } from './plan.ts';
export type * from './plan-types.ts';
export { lync2013Quorum } from './quorum.ts';
export { serviceSteps } from './service-steps.ts';
