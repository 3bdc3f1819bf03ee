// Group commit of the folder store's step path: the audit lines and drain changes of one event-loop turn are
// appended together (audit.jsonl, drains/<pool>.jsonl), without blocking the loop; each resolves once written.
import { err, ok, type Result } from 'neverthrow';
import type { AuditRecord } from '../../audit-record.ts';
import { type StateError, stateError } from '../../errors.ts';
import { statPath } from '../../fs-async.ts';
import { fsErrorMessage } from '../../fs-error.ts';
import { appendLines } from './append-lines.ts';
import { auditPath } from './audit.ts';
import { compactDrains, type DrainChange, drainPaths } from './drain-journal.ts';

/** A journal longer than this, and than twice its snapshot, is folded into the snapshot. */
const COMPACT_AFTER_BYTES = 64 * 1024;

interface Pending {
  audit: AuditRecord | null;
  drain: DrainChange | null;
  resolve: (done: Result<void, StateError>) => void;
}

/** What the caller learns when the audit line of `entry` could not be appended. */
function auditFailure(path: string, entry: AuditRecord, error: unknown): StateError {
  const what =
    entry.action === 'force-unlock'
      ? `force-unlock of pool ${entry.pool} happened`
      : `step ${entry.pool}/${entry.server} ${entry.service} ${entry.action} ran, outcome ${entry.outcome},`;
  return stateError(
    'Io',
    `${fsErrorMessage('append to the audit log', path, error)} (${what} but is not recorded there)`,
  );
}

const poolOf = (change: DrainChange) => ('open' in change ? change.open.pool : change.close.pool);

/**
 * The folder store's writer: audit records and drain changes queued in one turn are written in one flush
 * (audit first: a drain change is written only once its step is audited), one flush at a time, in order.
 * Only lock holders write a pool's drains, so a journal has one writer; the audit is appended with O_APPEND.
 */
export function groupCommit(dir: string) {
  let queue: Pending[] = [];
  let scheduled = false;
  let flushing = false;

  const schedule = () => {
    if (scheduled || flushing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flushing = true;
      const batch = queue;
      queue = [];
      void flush(batch).finally(() => {
        flushing = false;
        if (queue.length > 0) schedule();
      });
    });
  };

  const flush = async (queued: Pending[]) => {
    let batch = queued;
    const path = auditPath(dir);
    const audited = queued.filter((p) => p.audit !== null);
    if (audited.length > 0) {
      const text = audited.map((p) => `${JSON.stringify(p.audit)}\n`).join('');
      const written = await appendLines(path, text);
      if (written.isErr()) {
        // Those steps happened but are not audited: their drain changes are not written either.
        for (const p of audited)
          p.resolve(err(auditFailure(path, p.audit as AuditRecord, written.error)));
        batch = batch.filter((p) => p.audit === null);
      }
    }
    const byPool = new Map<string, Pending[]>();
    for (const p of batch) {
      if (p.drain === null) p.resolve(ok(undefined));
      else {
        const pool = byPool.get(poolOf(p.drain));
        if (pool === undefined) byPool.set(poolOf(p.drain), [p]);
        else pool.push(p);
      }
    }
    // Each pool's journal is a file of its own: they are appended side by side (500 pools: one hop, not 500).
    await Promise.all([...byPool].map(([pool, pending]) => appendDrains(pool, pending)));
  };

  /**
   * Appends a pool's changes and answers their callers, then folds a long journal into the snapshot (a failed
   * fold loses nothing). The fold is still part of the flush, so no append overlaps it, but nobody waits for it.
   */
  const appendDrains = async (pool: string, pending: Pending[]) => {
    const paths = drainPaths(dir, pool);
    const text = pending.map((p) => `${JSON.stringify(p.drain)}\n`).join('');
    const written = await appendLines(paths.journal, text);
    if (written.isErr()) {
      const failed = err(
        stateError('Io', fsErrorMessage('append to', paths.journal, written.error)),
      );
      for (const p of pending) p.resolve(failed);
      return;
    }
    for (const p of pending) p.resolve(ok(undefined));
    if (written.value > COMPACT_AFTER_BYTES) {
      const snapshot = await statPath(paths.snapshot).then(
        (info) => info.size,
        () => 0,
      );
      if (written.value > 2 * snapshot) await compactDrains(dir, pool);
    }
  };

  const enqueue = (audit: AuditRecord | null, drain: DrainChange | null) =>
    new Promise<Result<void, StateError>>((resolve) => {
      queue.push({ audit, drain, resolve });
      schedule();
    });

  return {
    /** Appends the record; resolves once it is written. */
    appendAudit: (record: AuditRecord) => enqueue(record, null),
    /** Appends the step's record and then its drain change (or none); resolves once both are written. */
    recordStep: (record: AuditRecord, drain: DrainChange | null) => enqueue(record, drain),
    /** Appends a drain change; resolves once it is written. */
    changeDrain: (drain: DrainChange) => enqueue(null, drain),
  };
}
