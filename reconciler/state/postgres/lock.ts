// The pool lock: a session-level advisory lock on a dedicated connection, plus a holder row.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type pg from 'pg';
import { type StateError, stateError } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { type Lease, type LockHolder, type LockRequest, lockedMessage } from '../lock.ts';
import type { Db } from './db.ts';
import { LOCK_NAMESPACE, poolKey } from './keys.ts';
import { serial } from './serial.ts';

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

/** A connection holding advisory locks, and the pool keys it holds. */
interface Session {
  client: pg.Client;
  /** Every use of the connection goes through here, one at a time. */
  use: ReturnType<typeof serial>;
  ended: boolean;
  held: Set<number>;
}

/**
 * The lock sessions of one store: one dedicated connection carries all the pools a process holds
 * (fewer connections and logins); a pool the shared session already holds gets a connection of its own,
 * since advisory locks are re-entrant within a session.
 */
export function lockSessions(db: Db) {
  let shared: Session | null = null;
  const open = async (purpose: string): Promise<Result<Session, StateError>> => {
    const connected = await db.client(purpose);
    if (connected.isErr()) return err(connected.error);
    const session: Session = {
      client: connected.value,
      use: serial(connected.value),
      ended: false,
      held: new Set(),
    };
    connected.value.on('end', () => {
      session.ended = true;
    });
    return ok(session);
  };
  return {
    async take(key: number): Promise<Result<Session, StateError>> {
      if (shared !== null && !shared.ended && !shared.held.has(key)) return ok(shared);
      if (shared !== null && !shared.ended) return open('lock');
      const session = await open('locks');
      if (session.isOk()) shared = session.value;
      return session;
    },
    /** Lets go of `key`'s place in the session; ends the connection once it holds nothing. */
    async done(session: Session, key: number): Promise<void> {
      session.held.delete(key);
      if (session.held.size > 0) return;
      if (session === shared) shared = null;
      await session.client.end().catch(() => {});
    },
  };
}

/** Takes the pool's lock, or names its holder. */
export async function acquirePgLock(
  db: Db,
  sessions: ReturnType<typeof lockSessions>,
  request: LockRequest,
): Promise<Result<Lease, StateError>> {
  const { pool, actor } = request;
  const key = poolKey(pool);
  const taken = await sessions.take(key);
  if (taken.isErr()) return err(taken.error);
  const session = taken.value;
  try {
    const got = await session.use((client) =>
      tryLock(client, key, request.timeoutMs, db.target.statementTimeoutMs),
    );
    if (!got) {
      await sessions.done(session, key);
      return err(await busy(db, pool, key));
    }
    session.held.add(key);
    const id = randomUUID();
    const rows = await session.use((client) =>
      client.query(
        `insert into quiesce_lock (pool, key, id, host, pid, command, ci_job_url, revision, since, backend_pid)
       values ($1, $2, $3, $4, $5, $6, $7, $8, now(), pg_backend_pid())
       on conflict (pool) do update set key = excluded.key, id = excluded.id, host = excluded.host,
         pid = excluded.pid, command = excluded.command, ci_job_url = excluded.ci_job_url,
         revision = excluded.revision, since = excluded.since, backend_pid = excluded.backend_pid
       returning *`,
        [pool, key, id, actor.host, actor.pid, actor.command, actor.ciJobUrl, request.revision],
      ),
    );
    return ok(lease(db, sessions, session, holderOf(rows.rows[0]), key));
  } catch (error) {
    await sessions.done(session, key);
    return err(db.fail(error));
  }
}

function lease(
  db: Db,
  sessions: ReturnType<typeof lockSessions>,
  session: Session,
  holder: LockHolder,
  key: number,
): Lease {
  let checking: Promise<boolean> | null = null;
  let released = false;
  return {
    holder,
    alive() {
      if (released || session.ended) return Promise.resolve(false);
      checking ??= session
        .use((client) => client.query('select 1'))
        .then(
          () => !session.ended,
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
        const rows = await session.use(async (client) => {
          const freed = await client.query('select pg_advisory_unlock($1, $2) as freed', [
            LOCK_NAMESPACE,
            key,
          ]);
          await client.query('delete from quiesce_lock where pool = $1 and id = $2', [
            holder.pool,
            holder.id,
          ]);
          return freed;
        });
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
        await sessions.done(session, key);
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
