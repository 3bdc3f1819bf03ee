// Audit records: every executed step, and every forced unlock; what `quiesce history` reads.
import type { Actor, LockHolder } from './actor.ts';
import type { DriverErrorKind } from './errors.ts';
import type { Action, Revision, ServiceState } from './model.ts';

/** One executed step and how it went (the audit line of docs/design.md §6). */
export interface StepRecord {
  time: string;
  revision: Revision | null;
  pool: string;
  server: string;
  service: string;
  action: Action;
  before: ServiceState;
  after: ServiceState;
  outcome: 'ok' | 'error';
  error: { kind: DriverErrorKind; message: string } | null;
  durationMs: number;
  /** Why the step ran, kept for steps that need saying (a stop at drain.onTimeout). */
  reason?: string;
}

/** What a maintenance round records besides service steps. */
export type MaintenanceAction = 'start-drain' | 'run-hook' | 'record-done' | 'retry-hook';

/** One maintenance action (service `maintenance`): the round, and for a hook its exit code and last lines of output. */
export interface MaintenanceRecord extends Omit<StepRecord, 'action' | 'before' | 'after'> {
  action: MaintenanceAction;
  before: null;
  after: null;
  maintenance: { id: string; exitCode?: number | null; tail?: string[] };
}

/** What a step or maintenance action appends to the audit. */
export type AuditEntry = StepRecord | MaintenanceRecord;

/** A lock released by `quiesce unlock --force`: whose lock it was and who forced it. */
export interface UnlockRecord {
  time: string;
  pool: string;
  action: 'force-unlock';
  holder: LockHolder;
  by: Actor;
}

/** Anything the audit holds. */
export type AuditRecord = StepRecord | MaintenanceRecord | UnlockRecord;

/** Which records `history` wants; every filter is optional. `since` is an ISO time. */
export interface AuditQuery {
  pool?: string;
  server?: string;
  since?: string;
}

/** Whether a record passes a query (the folder store filters in memory; PostgreSQL in SQL). */
export function matchesQuery(record: AuditRecord, query: AuditQuery): boolean {
  if (query.pool !== undefined && record.pool !== query.pool) return false;
  if (query.server !== undefined && (!('server' in record) || record.server !== query.server))
    return false;
  return query.since === undefined || Date.parse(record.time) >= Date.parse(query.since);
}
