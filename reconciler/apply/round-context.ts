// What a round runs with: what lives across rounds (records, live hooks, gate answers) and the round's own context.

import type { Result } from 'neverthrow';
import type { AuditEntry } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import type { Observations, Revision } from '../model.ts';
import type { RetryHint } from '../plan/maintenance/hook-failures.ts';
import type { MaintenancePlan } from '../plan/maintenance/maintenance-plan.ts';
import type { GateVerdict, RoundRecord } from '../plan/maintenance/round-types.ts';
import type { GateContext } from './gates.ts';
import type { HookRegistry } from './hook-registry.ts';
import type { RoundRecords } from './round-records.ts';

/** What lives across rounds: records' home, live hooks, gate answers; plus what hooks and gates need. */
export interface RoundRuntime {
  records: RoundRecords;
  hooks: HookRegistry;
  gates: Map<string, Map<string, GateVerdict>>;
  gate: Omit<GateContext, 'revision' | 'now'>;
  /** How long a Busy or blocked gate answer stands before the gate is asked again. */
  gateRecheckMs: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Stops hooks (they are run again next time: no end is recorded). */
  signal?: AbortSignal;
  /** How a failed hook's retry command is printed in plans, notifications and pages. */
  retryHint?: RetryHint;
}

/** One round's context. */
export interface RoundContext {
  runtime: RoundRuntime;
  revision: Revision | null;
  now: () => number;
  audit: (entry: AuditEntry) => void | Promise<void>;
}

/** A round's plan and the round records it was made from (by pool, then server), which its actions update. */
export interface RoundPlan {
  planned: MaintenancePlan;
  records: Map<string, Map<string, RoundRecord>>;
}

/**
 * Plans a round from its observations (engine/plan-inputs.ts assembles the inputs): `ask` lets gates be asked
 * while planning (a round that acts); without it, only what is known is used (read only).
 */
export type RoundPlanner = (
  observed: Observations,
  ask: boolean,
) => Promise<Result<RoundPlan, StateError>>;
