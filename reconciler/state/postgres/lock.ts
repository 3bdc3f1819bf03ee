// The pool lock: a session-level advisory lock on a dedicated connection, plus a holder row.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { err, ok, type Result } from 'neverthrow';
import { type StateError, stateError } from '../../errors.ts';
import type { Lease, LockHolder, LockRequest } from '../lock.ts';
import type { Db } from './db.ts';
import { type Fences, fenceState, HEARTBEAT_MS } from './fences.ts';
import { busy, holderOf } from './holders.ts';
import { LOCK_NAMESPACE, poolKey } from './keys.ts';
import { askSession, type lockSessions, type Session, tryLock } from './lock-session.ts';

/** Takes the pool's lock, or names its holder. */
export async function acquirePgLock(
  db: Db,
  sessions: ReturnType<typeof lockSessions>,
  fences: Fences,
  request: LockRequest,
): Promise<Result<Lease, StateError>> {
  const { pool, actor } = request;
  const key = poolKey(pool);
  const taken = await sessions.take(key);
  if (taken.isErr()) return err(taken.error);
  const session = taken.value;
  try {
    // Without a wait (the default), taking the lock and writing the holder row is one round trip.
    const waits = request.timeoutMs > 0;
    if (
      waits &&
      !(await session.use((client) =>
        tryLock(client, key, request.timeoutMs, db.target.statementTimeoutMs),
      ))
    ) {
      await sessions.done(session, key);
      return err(await busy(db, pool, key));
    }
    const rows = await session.use((client) =>
      client.query(
        `with got as (select ${waits ? 'true' : `pg_try_advisory_lock(${LOCK_NAMESPACE}, $2)`} as ok)
       insert into quiesce_lock (pool, key, id, host, pid, command, ci_job_url, revision, since, backend_pid)
       select $1, $2, $3, $4, $5, $6, $7, $8, now(), pg_backend_pid() from got where got.ok
       on conflict (pool) do update set key = excluded.key, id = excluded.id, host = excluded.host,
         pid = excluded.pid, command = excluded.command, ci_job_url = excluded.ci_job_url,
         revision = excluded.revision, since = excluded.since, backend_pid = excluded.backend_pid
       returning *`,
        [
          pool,
          key,
          randomUUID(),
          actor.host,
          actor.pid,
          actor.command,
          actor.ciJobUrl,
          request.revision,
        ],
      ),
    );
    if (rows.rows[0] === undefined) {
      await sessions.done(session, key);
      return err(await busy(db, pool, key));
    }
    session.held.add(key);
    return ok(lease(db, sessions, fences, session, holderOf(rows.rows[0]), key));
  } catch (error) {
    await sessions.done(session, key);
    return err(db.fail(error));
  }
}

/**
 * The lease. Its fence (`alive()`) uses a confirmation left by a step's write (pgStepWriter) when
 * there is a fresh one, and otherwise makes a round trip on the lock session itself; a heartbeat asks
 * the session every second. A session that ends, or does not answer within FENCE_ANSWER_MS, loses it.
 */
function lease(
  db: Db,
  sessions: ReturnType<typeof lockSessions>,
  fences: Fences,
  session: Session,
  holder: LockHolder,
  key: number,
): Lease {
  let released = false;
  const fence = fenceState();
  fences.set(holder.pool, { id: holder.id, confirm: fence.confirm, lose: fence.lose });
  /** A round trip on the lock session (shared with its other leases); no good answer loses the lock for good. */
  const ask = async (): Promise<boolean> => {
    const held = await askSession(session);
    if (!held) fence.lose();
    return held;
  };
  // The heartbeat: a session that stops answering is noticed even while every step waits on its write.
  // The leases of one session share it: a session that answered within half a beat is not asked again.
  const heartbeat = setInterval(() => {
    if (released || fence.lost) return;
    if (performance.now() - session.answeredAt < HEARTBEAT_MS / 2) return;
    void ask();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    holder,
    alive() {
      if (released || session.ended || fence.lost) return Promise.resolve(false);
      if (fence.take()) return Promise.resolve(true);
      return ask();
    },
    async release() {
      if (released) return ok(undefined);
      released = true;
      clearInterval(heartbeat);
      fences.delete(holder.pool);
      try {
        const rows = await session.use((client) =>
          client.query(
            `with gone as (delete from quiesce_lock where pool = $3 and id = $4)
             select pg_advisory_unlock($1, $2) as freed`,
            [LOCK_NAMESPACE, key, holder.pool, holder.id],
          ),
        );
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
