// Where the fleet stands after a reconcile: the status types every store, loop and report share.
import type { LoadIssue } from '../errors.ts';
import type { Revision } from '../model.ts';

/** A Flux-style condition. */
export interface Condition {
  type: 'Ready' | 'Reconciling' | 'Stalled';
  status: boolean;
  reason: string;
  message: string;
}

/** One pool's summary line in status.json. */
export interface PoolSummary {
  name: string;
  suspended: boolean;
  servers: number;
  draining: number;
  drained: number;
  sessions: number;
  changes: number;
  blocked: number;
  errors: number;
}

/** The whole status.json. */
export interface WatchStatus {
  formatVersion: 1;
  source: string;
  mode: 'apply' | 'monitor';
  lastAppliedRevision: (Revision & { at: string }) | null;
  lastAttemptedRevision: (Revision & { at: string; errors: LoadIssue[] }) | null;
  conditions: Condition[];
  pools: PoolSummary[];
  lastReconcile: { at: string; durationMs: number; executed: number } | null;
}
