// Watcher ownership: per-pool advisory locks held by the watcher's own session, plus owner rows; a shared
// presence lock per session lets each watcher count the others and claim only its share of the pools.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../../actor.ts';
import { type StateError, stateError } from '../../errors.ts';
import type { Ownership, WatcherSession } from '../ownership.ts';
import type { Db } from './db.ts';
import { OWNER_NAMESPACE, poolKey, WATCHER_NAMESPACE } from './keys.ts';
import { serial } from './serial.ts';

/** Opens a watcher session on a dedicated connection; PostgreSQL frees its pools when it dies. */
export async function openPgWatcher(
  db: Db,
  actor: Actor,
): Promise<Result<WatcherSession, StateError>> {
  const connected = await db.client('watch');
  if (connected.isErr()) return err(connected.error);
  const client = connected.value;
  const use = serial(client);
  const id = randomUUID();
  const owned = new Set<string>();
  let ended = false;
  client.on('end', () => {
    ended = true;
  });
  try {
    // Presence: every live watcher session holds this key shared (see `watchers`).
    await client.query(`select pg_advisory_lock_shared(${WATCHER_NAMESPACE}, 0)`);
  } catch (error) {
    await client.end().catch(() => {});
    return err(db.fail(error));
  }
  /** Lets go of `pools`: their ownership locks and rows, in two statements. */
  const letGo = async (pools: string[]) => {
    await client.query(
      `select pg_advisory_unlock(${OWNER_NAMESPACE}, key) from unnest($1::int[]) as t(key)`,
      [pools.map(poolKey)],
    );
    await client.query('delete from quiesce_owner where pool = any($1) and watcher_id = $2', [
      pools,
      id,
    ]);
    for (const pool of pools) owned.delete(pool);
  };
  const lost = () =>
    stateError(
      'LockLost',
      `lost the watcher session to ${db.target.location}; its pools are free for others`,
    );
  return ok({
    id,
    claim: (pools, limit) =>
      use(async () => {
        if (ended) return err(lost());
        try {
          const wanted = new Set(pools);
          const kept = [...owned].filter((pool) => wanted.has(pool)).sort();
          // Over the share: let go of the last held in name order (their steps are fenced at once).
          const excess = limit === undefined ? [] : kept.slice(Math.max(0, limit));
          const gone = [...owned].filter((pool) => !wanted.has(pool)).concat(excess);
          if (gone.length > 0) await letGo(gone);
          const room = limit === undefined ? pools.length : Math.max(0, limit - owned.size);
          const free = pools.filter((pool) => !owned.has(pool));
          if (free.length > 0 && room > 0) {
            // The LIMIT stops the scan once `room` locks are taken; any extra is let go below.
            const got = await client.query(
              `select pool, key from unnest($1::text[], $2::int[]) as t(pool, key)
             where pg_try_advisory_lock(${OWNER_NAMESPACE}, key) limit $3`,
              [free, free.map(poolKey), room],
            );
            const rows = got.rows as { pool: string; key: number }[];
            const taken = rows.slice(0, room);
            for (const extra of rows.slice(room))
              await client.query('select pg_advisory_unlock($1, $2)', [OWNER_NAMESPACE, extra.key]);
            if (taken.length > 0)
              await client.query(
                `insert into quiesce_owner (pool, key, watcher_id, watcher, since, backend_pid)
               select pool, key, $3, $4, now(), pg_backend_pid() from unnest($1::text[], $2::int[]) as t(pool, key)
               on conflict (pool) do update set key = excluded.key, watcher_id = excluded.watcher_id,
                 watcher = excluded.watcher, since = excluded.since, backend_pid = excluded.backend_pid`,
                [
                  taken.map((t) => t.pool),
                  taken.map((t) => t.key),
                  id,
                  JSON.stringify({ ...actor, id }),
                ],
              );
            for (const t of taken) owned.add(t.pool);
          }
          return ok([...owned].sort());
        } catch (error) {
          owned.clear();
          return err(ended ? lost() : db.fail(error));
        }
      }),
    watchers: () =>
      use(async () => {
        if (ended) return err(lost());
        try {
          const got = await client.query(
            `select count(*)::int as n from pg_locks where locktype = 'advisory' and granted
               and classid = ${WATCHER_NAMESPACE} and objid = 0 and objsubid = 2`,
          );
          return ok(Math.max(1, (got.rows[0] as { n: number }).n));
        } catch (error) {
          return err(ended ? lost() : db.fail(error));
        }
      }),
    async alive() {
      if (ended) return false;
      return use(() => client.query('select 1')).then(
        () => !ended,
        () => false,
      );
    },
    async close() {
      owned.clear();
      await use(() => client.query('delete from quiesce_owner where watcher_id = $1', [id])).catch(
        () => {},
      );
      await client.end().catch(() => {});
    },
  });
}

/** Owners whose session still holds the pool's ownership lock. */
export async function pgOwners(db: Db): Promise<Result<Ownership[], StateError>> {
  const rows = await db.query<{ pool: string; watcher: Ownership['watcher']; since: Date }>(
    `select o.pool, o.watcher, o.since from quiesce_owner o where exists (
       select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.pid = o.backend_pid
         and l.classid = ${OWNER_NAMESPACE} and l.objid = o.key and l.objsubid = 2)
     order by o.pool collate "C"`,
  );
  return rows.map((list) =>
    list.map((row) => ({ pool: row.pool, watcher: row.watcher, since: row.since.toISOString() })),
  );
}
