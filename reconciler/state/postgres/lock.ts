// The pool lock: a session-level advisory lock on a dedicated connection, plus a holder row.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type pg from 'pg';
import { type StateError, stateError } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { type Lease, type LockHolder, type LockRequest, lockedMessage } from '../lock.ts';
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

async function busy(db: Db, pool: string, key: number): Promise<StateError> {
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

async function tryLock(
  client: pg.Client,
  key: number,
  timeoutMs: number,
  statementTimeoutMs: number,
): Promise<boolean> {
  if (timeoutMs <= 0) {
    const rows = await client.query('select pg_try_advisory_lock($1, $2) as got', [
      LOCK_NAMESPACE,
      key,
    ]);
    return rows.rows[0].got === true;
  }
  await client.query(
    `select set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)`,
    [`${Math.ceil(timeoutMs)}ms`, `${Math.ceil(timeoutMs) + 10_000}ms`],
  );
  try {
    await client.query('select pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, key]);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false;
    throw error;
  } finally {
    await client.query(
      `select set_config('lock_timeout', '0', false), set_config('statement_timeout', $1, false)`,
      [`${statementTimeoutMs}ms`],
    );
  }
}

/** Takes the pool's lock, or names its holder. */
export async function acquirePgLock(
  db: Db,
  request: LockRequest,
): Promise<Result<Lease, StateError>> {
  const { pool, actor } = request;
  const key = poolKey(pool);
  const connected = await db.client(`lock ${pool}`);
  if (connected.isErr()) return err(connected.error);
  const client = connected.value;
  let ended = false;
  client.on('end', () => {
    ended = true;
  });
  try {
    if (!(await tryLock(client, key, request.timeoutMs, db.target.statementTimeoutMs))) {
      await client.end().catch(() => {});
      return err(await busy(db, pool, key));
    }
    const id = randomUUID();
    const rows = await client.query(
      `insert into quiesce_lock (pool, key, id, host, pid, command, ci_job_url, revision, since, backend_pid)
       values ($1, $2, $3, $4, $5, $6, $7, $8, now(), pg_backend_pid())
       on conflict (pool) do update set key = excluded.key, id = excluded.id, host = excluded.host,
         pid = excluded.pid, command = excluded.command, ci_job_url = excluded.ci_job_url,
         revision = excluded.revision, since = excluded.since, backend_pid = excluded.backend_pid
       returning *`,
      [pool, key, id, actor.host, actor.pid, actor.command, actor.ciJobUrl, request.revision],
    );
    return ok(lease(db, client, holderOf(rows.rows[0]), key, () => ended));
  } catch (error) {
    await client.end().catch(() => {});
    return err(db.fail(error));
  }
}

function lease(
  db: Db,
  client: pg.Client,
  holder: LockHolder,
  key: number,
  ended: () => boolean,
): Lease {
  let checking: Promise<boolean> | null = null;
  let released = false;
  return {
    holder,
    alive() {
      if (released || ended()) return Promise.resolve(false);
      checking ??= client
        .query('select 1')
        .then(
          () => !ended(),
          () => false,
        )
        .finally(() => {
          checking = null;
        });
      return checking;
    },
    async release() {
      if (released) return ok(undefined);
      released = true;
      try {
        const rows = await client.query('select pg_advisory_unlock($1, $2) as freed', [
          LOCK_NAMESPACE,
          key,
        ]);
        await client.query('delete from quiesce_lock where pool = $1 and id = $2', [
          holder.pool,
          holder.id,
        ]);
        if (rows.rows[0].freed !== true)
          return err(
            stateError('LockLost', `lost the lock for pool ${holder.pool} before releasing it`),
          );
        return ok(undefined);
      } catch {
        return err(
          stateError(
            'LockLost',
            `lost the lock for pool ${holder.pool}: its session to ${db.target.location} ended`,
          ),
        );
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
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
