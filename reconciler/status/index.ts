// Where the fleet stands, pure: fleet status, the watch conditions, pool summaries, "still moving", the types.

export { appliedRevision, endedClean, type RunEnd } from './applied-revision.ts';
export { conditions, type SourceOutcome } from './conditions.ts';
export { filterStatus, poolShown, type StatusFilter } from './filter.ts';
export { fleetStatus, planFleetStatus } from './fleet-status.ts';
export { stillMoving } from './moving.ts';
export { anyStalled, poolSummaries } from './summaries.ts';
export type * from './types.ts';
