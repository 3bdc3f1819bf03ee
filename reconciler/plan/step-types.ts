// The planner's per-service answer: the steps a service needs (each with the state it leaves), a wait, or an error.
import type { Action, ServiceState } from '../model.ts';

/** A step with the state it should leave behind. */
export interface PlannedStep {
  action: Action;
  after: ServiceState;
  /** Why the step chose what it did, when the reason alone would not say (the plan appends it). */
  note?: string;
}

/** What one service needs: steps (maybe none), a wait, or an error. */
export type ServiceVerdict =
  | { kind: 'steps'; steps: PlannedStep[] }
  | { kind: 'waiting' }
  | { kind: 'error'; message: string };
