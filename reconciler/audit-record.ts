// Audit records: every executed step, and every forced unlock; what `quiesce history` reads.
import type { Actor, LockHolder } from './actor.ts';
import type { DriverErrorKind } from './errors.ts';
import type { Action, Revision, ServiceState } from './model.ts';

/** Who ran a step: the user, the process on its host, the command and the CI job (a change record's operator). */
export interface Operator {
  user: string | null;
  host: string;
  pid: number;
  command: string;
  ciJobUrl: string | null;
}

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
  /** Why: the step's own reason where it has one (a stop at drain.onTimeout), else the server's `reason`, else the pool's maintenance id, else the commit subject (absent on old records). */
  reason?: string | null;
  /** Who ran it (absent on old records). */
  operator?: Operator;
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

/** Filters on a record's change-record fields (substrings, case-insensitive), applied after the store's query. */
export interface ChangeRecordQuery {
  reason?: string;
  operator?: string;
}

/** `ann@runner-7 pid 4242 apply, job https://…`: an operator as one phrase, what `--operator` searches. */
export function operatorText(o: Operator): string {
  const job = o.ciJobUrl === null ? '' : `, job ${o.ciJobUrl}`;
  return `${o.user === null ? '' : `${o.user}@`}${o.host} pid ${o.pid} ${o.command}${job}`;
}

/** Whether a record passes the reason and operator filters. */
export function matchesChangeRecord(record: AuditRecord, query: ChangeRecordQuery): boolean {
  const has = (text: string | null | undefined, part: string | undefined) =>
    part === undefined || (text ?? '').toLowerCase().includes(part.toLowerCase());
  if (record.action === 'force-unlock')
    return (
      query.reason === undefined && has(operatorText({ user: null, ...record.by }), query.operator)
    );
  const operator = record.operator === undefined ? null : operatorText(record.operator);
  return has(record.reason, query.reason) && has(operator, query.operator);
}

/** Whether a record passes a query (the folder store filters in memory; PostgreSQL in SQL). */
export function matchesQuery(record: AuditRecord, query: AuditQuery): boolean {
  if (query.pool !== undefined && record.pool !== query.pool) return false;
  if (query.server !== undefined && (!('server' in record) || record.server !== query.server))
    return false;
  return query.since === undefined || Date.parse(record.time) >= Date.parse(query.since);
}
