// Is the lock session a session? Through a pooler in transaction or statement mode (PgBouncer's
// pool_mode = transaction) each statement may run on another server connection: refuse, naming the mode that works.
import { err, ok, type Result } from 'neverthrow';
import type pg from 'pg';
import { type StateError, stateError } from '../../errors.ts';
import type { Db } from './db.ts';

const backendPid = async (client: pg.Client): Promise<number> =>
  Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);

/** The refusal: what was seen, why it matters, and which pooling mode works. */
export function pooledMessage(location: string, first: number, then: number): string {
  return `PostgreSQL at ${location} is reached through a connection pooler in transaction or statement pooling mode (one connection's statements ran on server sessions ${first} and ${then}); pool locks are session-level advisory locks and need a session of their own: point --state at PostgreSQL itself, or at a PgBouncer pool with pool_mode = session`;
}

/**
 * The backend pid of `client`'s session, once proven to stay put: asked twice, the second time while a
 * pooled connection holds an open transaction. A transaction-mode pooler hands that transaction the server
 * connection the first question just returned (PgBouncer reuses the last one freed), so the second question
 * lands on another server session and the pids differ. A real session answers the same pid both times.
 */
export async function provenSession(
  db: Db,
  client: pg.Client,
): Promise<Result<number, StateError>> {
  try {
    const first = await backendPid(client);
    const then = await db.holding(() => backendPid(client));
    if (then.isErr()) return err(then.error);
    if (then.value !== first)
      return err(stateError('Unexpected', pooledMessage(db.target.location, first, then.value)));
    return ok(first);
  } catch (error) {
    return err(db.fail(error));
  }
}
