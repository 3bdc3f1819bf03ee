// Where the fleet stands after a reconcile: the status types every store, loop and report share.
import type { DriverErrorKind, LoadIssue } from '../errors.ts';
import type { Mode, Revision, ServiceStatus, StartType } from '../model.ts';
import type { Health } from '../plan/plan-types.ts';

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

/** Whether a service matches its declaration. */
export type Sync = 'Synced' | 'OutOfSync' | 'Unknown';

/** One service's row in status. */
export interface ServiceStatusRow {
  name: string;
  desired: Mode;
  status: ServiceStatus | null;
  startType: StartType | null;
  sessions: number | null;
  /** When the service entered its status (ms since epoch), when known. */
  since: number | null;
  sync: Sync;
  health: Health;
  /** Why its session counters cannot be read (the drain is never seen as done while so); absent when they can. */
  sessionsUnreadable?: string;
  /** Information, never a drain condition: signed-in clients' SIP connections, registered endpoints (when read). */
  clients?: number;
  registered?: number;
}

/** A pool's servers with their services, for status. */
export interface PoolStatus {
  name: string;
  suspended: boolean;
  servers: {
    name: string;
    mode: Mode;
    reason: string | null;
    reachable: boolean;
    /** Why the server could not be read (null when it was). */
    error: { kind: DriverErrorKind; message: string } | null;
    services: ServiceStatusRow[];
  }[];
}
