// Step writes that outlive a restart or a statement timeout: a write that failed is sent again once the
// server answers, unless it was committed after all (its first audit row is there); bounded in time.
import { performance } from 'node:perf_hooks';
import { ok, type Result } from 'neverthrow';
import type { AuditEntry } from '../../audit-record.ts';
import type { StateError } from '../../errors.ts';
import { sleep } from '../../sleep.ts';
import type { Db } from './db.ts';

/** How long a step write keeps trying (a fast restart takes a second or two); then its error stands. */
export const WRITE_RETRY_MS = 15_000;

/** Whether `record` is in the audit already (a write whose answer was lost may have committed). */
async function audited(db: Db, record: AuditEntry): Promise<Result<boolean, StateError>> {
  const rows = await db.query<{ done: boolean }>(
    `select exists (select 1 from quiesce_audit where time = $1 and pool = $2
       and server is not distinct from $3 and record = $4::jsonb) as done`,
    [record.time, record.pool, record.server ?? null, JSON.stringify(record)],
  );
  return rows.map((list) => list[0]?.done === true);
}

/**
 * Wraps a batch write (one transaction: all of the batch or none of it) so that a transient failure (the
 * connection ended, the server restarting, a statement timeout) is retried with backoff for up to
 * WRITE_RETRY_MS. A retry is sent only once the batch is known not to be committed, so no record is
 * written twice; one found committed resolves without confirming the fence (the next check asks the lock).
 */
export function retriedWrite<R>(
  db: Db,
  write: (batch: AuditEntry[]) => Promise<Result<R[], StateError>>,
  retryMs = WRITE_RETRY_MS,
): (batch: AuditEntry[]) => Promise<Result<(R | undefined)[], StateError>> {
  return async (batch) => {
    const deadline = performance.now() + retryMs;
    let result: Result<(R | undefined)[], StateError> = await write(batch);
    let wait = 100;
    while (result.isErr() && result.error.transient && performance.now() < deadline) {
      await sleep(wait);
      wait = Math.min(wait * 2, 1_000);
      const first = batch[0];
      if (first === undefined) break;
      const done = await audited(db, first);
      if (done.isErr()) continue; // not back yet: the first error stands until a write is tried again
      if (done.value) return ok(batch.map(() => undefined));
      result = await write(batch);
    }
    return result;
  };
}
