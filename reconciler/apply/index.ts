export { forEachLimit } from './concurrency.ts';
export { observeAll, observeServer } from './observe-all.ts';
export type { RetryPolicy } from './retry.ts';
export { withRetry } from './retry.ts';
export type { RunContext, RunResult, StepFailure } from './run-plan.ts';
export { reached, runPlan } from './run-plan.ts';
