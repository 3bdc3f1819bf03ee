// Drain records in quiesce_drain: the first start recorded wins until the drain is cleared.
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { StartType } from '../../model.ts';
import type { DrainRecord, ServiceKey } from '../drain-record.ts';
import type { Db } from './db.ts';
import { grouped } from './group.ts';

/** Records a drain's start unless one is already recorded. */
export async function recordPgDrain(db: Db, r: DrainRecord): Promise<Result<void, StateError>> {
  const done = await db.query(
    `insert into quiesce_drain (pool, server, service, began, source, start_type)
     values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
    [r.pool, r.server, r.service, r.began, r.source, r.startType ?? null],
  );
  return done.map(() => undefined);
}

/** Forgets a drain. */
export async function clearPgDrain(db: Db, k: ServiceKey): Promise<Result<void, StateError>> {
  const done = await db.query(
    'delete from quiesce_drain where pool = $1 and server = $2 and service = $3',
    [k.pool, k.server, k.service],
  );
  return done.map(() => undefined);
}

/** The pool's drains, by server and service; pools asked for at once are read in one query. */
export function pgDrainReader(
  db: Db,
): (pool: string) => Promise<Result<DrainRecord[], StateError>> {
  return grouped(async (pools: string[]) => {
    const rows = await db.query<
      Omit<DrainRecord, 'began' | 'startType'> & { began: Date; startType: StartType | null }
    >(
      `select pool, server, service, began, source, start_type as "startType" from quiesce_drain
       where pool = any($1) order by server collate "C", service collate "C"`,
      [pools],
    );
    return rows.map((list) =>
      pools.map((pool) =>
        list
          .filter((row) => row.pool === pool)
          .map((row) => ({ ...row, began: row.began.toISOString() })),
      ),
    );
  });
}
