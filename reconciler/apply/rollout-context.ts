// What a round runs with: what lives across rounds (records, live hooks, gate answers) and the round's own context.

import type { AuditEntry } from '../audit-record.ts';
import type { Revision } from '../model.ts';
import type { GateVerdict } from '../plan/maintenance/rollout-types.ts';
import type { GateContext } from './gates.ts';
import type { HookRegistry } from './hook-registry.ts';
import type { RolloutRecords } from './rollout-records.ts';

/** What lives across rounds: records' home, live hooks, gate answers; plus what hooks and gates need. */
export interface RolloutRuntime {
  records: RolloutRecords;
  hooks: HookRegistry;
  gates: Map<string, Map<string, GateVerdict>>;
  gate: Omit<GateContext, 'revision' | 'now'>;
  /** How long a Busy or blocked gate answer stands before the gate is asked again. */
  gateRecheckMs: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Stops hooks (they are run again next time: no end is recorded). */
  signal?: AbortSignal;
}

/** One round's context. */
export interface RoundContext {
  runtime: RolloutRuntime;
  revision: Revision | null;
  now: () => number;
  audit: (entry: AuditEntry) => void | Promise<void>;
}
