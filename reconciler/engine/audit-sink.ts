// Where apply's and watch's audit records go: the store, with the drain record a pause opens or a resume closes.
import type { Result } from 'neverthrow';
import type { AuditEntry } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import type { AuditStore } from '../state/store.ts';

/** Records the step (awaited: durable before the next step) and keeps drain records in step. */
export function auditSink(
  store: AuditStore,
): (record: AuditEntry) => Promise<Result<void, StateError>> {
  return (record) => store.recordStep(record);
}
