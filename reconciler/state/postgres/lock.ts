// The pool lock: a session-level advisory lock on a dedicated connection, plus a holder row.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { type StateError, stateError } from '../../errors.ts';
import type { Lease, LockHolder, LockRequest } from '../lock.ts';
import type { Db } from './db.ts';
import { busy, holderOf } from './holders.ts';
import { LOCK_NAMESPACE, poolKey } from './keys.ts';
import { type lockSessions, type Session, tryLock } from './lock-session.ts';

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
