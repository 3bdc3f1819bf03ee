// Drain records in quiesce_drain: the first start recorded wins until the drain is cleared.
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { StartType } from '../../model.ts';
import type { DrainRecord, ServiceKey } from '../drain-record.ts';
import type { Db } from './db.ts';
import { grouped } from './group.ts';

/**
 * Records drains' starts unless one is already recorded (the first in a statement wins too: DO NOTHING); the
 * calls of one tick go in one statement (a pass's drain intents: one round trip, not one per drain).
 */
export function pgDrainRecorder(
  db: Db,
): (record: DrainRecord) => Promise<Result<void, StateError>> {
  return grouped(async (records: DrainRecord[]) => {
    const done = await db.query(
      `insert into quiesce_drain (pool, server, service, began, source, start_type)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
       on conflict do nothing`,
      [
        records.map((r) => r.pool),
        records.map((r) => r.server),
        records.map((r) => r.service),
        records.map((r) => r.began),
        records.map((r) => r.source),
        records.map((r) => r.startType ?? null),
      ],
    );
    return done.map(() => records.map(() => undefined));
  });
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
