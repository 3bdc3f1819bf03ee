// What an audited step does to the drain records: a pause that went well opens one; a resume or start closes it.
import type { AuditEntry } from '../audit-record.ts';
import type { DrainRecord, ServiceKey } from './drain-record.ts';

/** The drain record a step opens, the one it closes, or null. */
export type StepDrain = { open: DrainRecord } | { close: ServiceKey } | null;

/** Pure: the drain change of a step. */
export function stepDrain(record: AuditEntry): StepDrain {
  if (record.outcome !== 'ok') return null;
  const key = { pool: record.pool, server: record.server, service: record.service };
  if (record.action === 'pause') return { open: { ...key, began: record.time, source: 'paused' } };
  if (record.action === 'resume' || record.action === 'start') return { close: key };
  return null;
}
