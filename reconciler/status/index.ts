// Where the fleet stands, pure: fleet status, the watch conditions, pool summaries, "still moving", the types.
export { conditions, type SourceOutcome } from './conditions.ts';
export { fleetStatus, planFleetStatus } from './fleet-status.ts';
export { stillMoving } from './moving.ts';
export { anyStalled, poolSummaries } from './summaries.ts';
export type * from './types.ts';
