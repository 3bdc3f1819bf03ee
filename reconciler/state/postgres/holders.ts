// Lock holder rows: who holds a pool (only rows whose session still holds the advisory lock count).
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../../actor.ts';
import { type StateError, stateError } from '../../errors.ts';
import { type LockHolder, lockedMessage } from '../lock.ts';
import type { Db } from './db.ts';
import { LOCK_NAMESPACE, poolKey } from './keys.ts';

interface HolderRow {
  pool: string;
  id: string;
  host: string;
  pid: number;
  command: string;
  ci_job_url: string | null;
  revision: string | null;
  since: Date;
}

/** A holder row as the port's LockHolder. */
export const holderOf = (row: HolderRow): LockHolder => ({
  pool: row.pool,
  id: row.id,
  host: row.host,
  pid: row.pid,
  command: row.command,
  ciJobUrl: row.ci_job_url,
  revision: row.revision,
  since: new Date(row.since).toISOString(),
});

/** Holder rows whose session still holds the advisory lock (rows of dead sessions are ignored). */
export const LIVE_HOLDERS = `select h.* from quiesce_lock h where exists (
  select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.pid = h.backend_pid
    and l.classid = ${LOCK_NAMESPACE} and l.objid = h.key and l.objsubid = 2)`;

/** The Locked error naming who holds `pool` (or the pool it collides with). */
export async function busy(db: Db, pool: string, key: number): Promise<StateError> {
  const rows = await db.query<HolderRow & { key: number }>(
    `${LIVE_HOLDERS} and (h.pool = $1 or h.key = $2) order by (h.pool = $1) desc`,
    [pool, key],
  );
  if (rows.isErr()) return rows.error;
  const row = rows.value[0];
  if (row === undefined)
    return stateError(
      'Locked',
      `pool ${pool} is locked by a session that left no holder row; try again`,
    );
  if (row.pool !== pool)
    return stateError(
      'Locked',
      `pool ${pool} shares its lock key with pool ${row.pool} (a hash collision), which is locked: ${lockedMessage(holderOf(row))}`,
    );
  return stateError('Locked', lockedMessage(holderOf(row)));
}

/** Every live lock holder, by pool. */
export async function pgLockHolders(db: Db): Promise<Result<LockHolder[], StateError>> {
  const rows = await db.query<HolderRow>(`${LIVE_HOLDERS} order by h.pool collate "C"`);
  return rows.map((list) => list.map(holderOf));
}

/** Ends the holder's session (PostgreSQL then frees its lock) if `id` matches; the caller audits. */
export async function forcePgUnlock(
  db: Db,
  pool: string,
  id: string,
  _by: Actor,
): Promise<Result<LockHolder, StateError>> {
  const rows = await db.query<HolderRow & { backend_pid: number }>(
    'delete from quiesce_lock where pool = $1 and id = $2 returning *',
    [pool, id],
  );
  if (rows.isErr()) return err(rows.error);
  const row = rows.value[0];
  if (row === undefined)
    return err(
      stateError(
        'NoSuchLock',
        `pool ${pool} has no lock with id ${id}; quiesce status lists the locks held`,
      ),
    );
  // Only the session that still holds this pool's lock is ended (a reused backend pid is left alone).
  const ended = await db.query(
    `select pg_terminate_backend(l.pid) from pg_locks l where l.pid = $1 and l.locktype = 'advisory'
       and l.granted and l.classid = ${LOCK_NAMESPACE} and l.objid = $2 and l.objsubid = 2`,
    [row.backend_pid, poolKey(pool)],
  );
  if (ended.isErr()) return err(ended.error);
  return ok(holderOf(row));
}
