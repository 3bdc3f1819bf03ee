export { budgetLimit } from './budget.ts';
export { DNS_DEPENDENT, dnsRuleViolation } from './dns-rule.ts';
export { fleetStatus } from './fleet-status.ts';
export { serviceHealth } from './health.ts';
export { buildPlan } from './plan.ts';
export type * from './plan-types.ts';
export { lync2013Quorum } from './quorum.ts';
export { serviceSteps } from './service-steps.ts';
