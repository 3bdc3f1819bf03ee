// What an audited step does to the drain records: a drain's first step that went well (startup type to Manual,
// or the pause, graceful stop or failover) opens one with the startup type seen before it; a resume, start or
// failback closes it.
import type { AuditEntry } from '../audit-record.ts';
import type { StartType } from '../model.ts';
import type { DrainRecord, ServiceKey } from './drain-record.ts';

const isOut = (type: StartType | null) => type === 'Manual' || type === 'Disabled';

/** The drain record a step opens, the one it closes, or null. */
export type StepDrain = { open: DrainRecord } | { close: ServiceKey } | null;

/** Pure: the drain change of a step. */
export function stepDrain(record: AuditEntry): StepDrain {
  if (record.outcome !== 'ok') return null;
  const key = { pool: record.pool, server: record.server, service: record.service };
  const opened = { ...key, began: record.time, source: 'paused' as const };
  // The first step of a drain by pause, graceful stop or failover (drain.method), when no startup type came first.
  if (
    record.action === 'pause' ||
    record.action === 'graceful-stop' ||
    record.action === 'failover'
  )
    return { open: { ...opened, startType: record.before.startType } };
  // Startup type to Manual is a drain's first step (a reboot must not undo it): the record keeps what it was.
  if (
    record.action === 'set-startup-type' &&
    isOut(record.after.startType) &&
    !isOut(record.before.startType)
  )
    return { open: { ...opened, startType: record.before.startType } };
  if (record.action === 'resume' || record.action === 'start' || record.action === 'failback')
    return { close: key };
  return null;
}
