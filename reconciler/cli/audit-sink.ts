// Where apply's audit records go: the store, plus the drain record a pause opens or a resume closes.
import type { Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { AuditEntry } from '../state/audit-record.ts';
import type { AuditStore, DrainStore } from '../state/store.ts';

/** Appends the record (awaited: durable before the next step), then keeps drain records in step. */
export function auditSink(
  store: AuditStore & DrainStore,
): (record: AuditEntry) => Promise<Result<void, StateError>> {
  return async (record) => {
    const written = await store.appendAudit(record);
    if (written.isErr() || record.outcome !== 'ok') return written;
    const key = { pool: record.pool, server: record.server, service: record.service };
    if (record.action === 'pause')
      return store.recordDrain({ ...key, began: record.time, source: 'paused' });
    if (record.action === 'resume' || record.action === 'start') return store.clearDrain(key);
    return written;
  };
}
