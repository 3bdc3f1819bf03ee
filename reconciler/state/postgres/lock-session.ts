// Lock sessions: the dedicated connections that hold advisory locks, and taking a lock on one.

import { performance } from 'node:perf_hooks';
import { err, ok, type Result } from 'neverthrow';
import type pg from 'pg';
import type { StateError } from '../../errors.ts';
import type { Db } from './db.ts';
import { answeredWithin, FENCE_ANSWER_MS } from './fences.ts';
import { LOCK_NAMESPACE } from './keys.ts';
import { provenSession } from './pooler.ts';
import { serial } from './serial.ts';
import { QUERY_GRACE_MS } from './target.ts';

/** Takes the advisory lock of `key` on `client`, waiting up to `timeoutMs` (0: try once). */
export async function tryLock(
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
    // The wait may be long (--lock-timeout): the client waits as long as the server's statement timeout.
    await client.query({
      text: 'select pg_advisory_lock($1, $2)',
      values: [LOCK_NAMESPACE, key],
      query_timeout: Math.ceil(timeoutMs) + 10_000 + QUERY_GRACE_MS,
    } as pg.QueryConfig);
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
export interface Session {
  client: pg.Client;
  /** Every use of the connection goes through here, one at a time. */
  use: ReturnType<typeof serial>;
  ended: boolean;
  held: Set<number>;
  /** The server session's pid, once proven to stay put (pooler.ts); the heartbeat checks it stays so. */
  backendPid: number | null;
  /** The check in flight, shared by every lease on the session. */
  asking: Promise<boolean> | null;
  /** When the session last answered a check (performance.now()). */
  answeredAt: number;
}

/**
 * One round trip on the session, shared by the leases asking meanwhile: true when it answered within
 * FENCE_ANSWER_MS from the same server session; false when it ended, moved (a pooler) or stayed silent.
 */
export function askSession(session: Session): Promise<boolean> {
  session.asking ??= answeredWithin(
    session
      .use((client) => client.query('select pg_backend_pid() as pid'))
      .then(
        (rows) => !session.ended && Number(rows.rows[0].pid) === session.backendPid,
        () => false,
      ),
    FENCE_ANSWER_MS,
  )
    .then((held) => {
      if (held) session.answeredAt = performance.now();
      return held;
    })
    .finally(() => {
      session.asking = null;
    });
  return session.asking;
}

/**
 * The lock sessions of one store: one dedicated connection carries all the pools a process holds
 * (fewer connections and logins); a pool the shared session already holds gets a connection of its own,
 * since advisory locks are re-entrant within a session.
 */
export function lockSessions(db: Db) {
  let shared: Session | null = null;
  let warming: Promise<Result<Session, StateError>> | null = null;
  const open = async (purpose: string): Promise<Result<Session, StateError>> => {
    const connected = await db.client(purpose);
    if (connected.isErr()) return err(connected.error);
    const session: Session = {
      client: connected.value,
      use: serial(connected.value),
      ended: false,
      held: new Set(),
      backendPid: null,
      asking: null,
      answeredAt: 0,
    };
    connected.value.on('end', () => {
      session.ended = true;
    });
    return ok(session);
  };
  return {
    /** Opens the shared session ahead of the first lock (its login overlaps other work). */
    warm(): void {
      warming ??= open('locks');
    },
    /**
     * Proves the warmed session is a session (a pooler in transaction mode is refused here, before a command
     * that takes locks does anything); the proven session carries the first lock.
     */
    async ready(): Promise<Result<void, StateError>> {
      warming ??= open('locks');
      const session = await warming;
      if (session.isErr() || session.value.backendPid !== null) return session.map(() => undefined);
      const proven = await provenSession(db, session.value.client);
      if (proven.isErr()) {
        warming = null;
        await session.value.client.end().catch(() => {});
        return err(proven.error);
      }
      session.value.backendPid = proven.value;
      return ok(undefined);
    },
    async take(key: number): Promise<Result<Session, StateError>> {
      let session: Result<Session, StateError>;
      if (shared !== null && !shared.ended && !shared.held.has(key)) session = ok(shared);
      else if (shared !== null && !shared.ended) session = await open('lock');
      else {
        session = await (warming ?? open('locks'));
        warming = null;
        if (session.isOk()) shared = session.value;
      }
      if (session.isErr() || session.value.backendPid !== null) return session;
      // Once per connection, before its first lock: a pooler in transaction mode is refused here.
      const proven = await provenSession(db, session.value.client);
      if (proven.isErr()) {
        if (session.value === shared) shared = null;
        await session.value.client.end().catch(() => {});
        return err(proven.error);
      }
      session.value.backendPid = proven.value;
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
