// "Still moving": a plan that time alone takes further (changes to make, services pending, sessions draining). Pure.
import type { PlanSummary } from '../plan/plan-types.ts';

/** Whether the plan has changes to make, services to wait on or sessions still draining. */
export function stillMoving(summary: PlanSummary): boolean {
  return summary.changes > 0 || summary.waiting > 0 || summary.drainingSessions > 0;
}
