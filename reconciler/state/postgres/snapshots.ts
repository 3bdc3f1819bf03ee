// Pool snapshots and the status document: one row per pool (or scope), replaced on every write.
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { WatchStatus } from '../../status/types.ts';
import type { PoolSnapshot } from '../pool-snapshot.ts';
import type { Db } from './db.ts';
import { grouped } from './group.ts';

/** Replaces the pool's snapshot; snapshots saved at once go in one statement (the last per pool wins). */
export function pgSnapshotWriter(db: Db): (s: PoolSnapshot) => Promise<Result<void, StateError>> {
  return grouped(async (batch: PoolSnapshot[]) => {
    const last = [...new Map(batch.map((s) => [s.pool, s])).values()];
    const done = await db.query(
      `insert into quiesce_snapshot (pool, at, observer, servers, status)
       select pool, at, observer, servers, status from jsonb_to_recordset($1::jsonb)
         as t(pool text, at timestamptz, observer jsonb, servers jsonb, status jsonb)
       on conflict (pool) do update set at = excluded.at, observer = excluded.observer,
         servers = excluded.servers, status = excluded.status`,
      [JSON.stringify(last)],
    );
    return done.map(() => batch.map(() => undefined));
  });
}

/** Snapshots of the listed pools (all when omitted). */
export async function pgSnapshots(
  db: Db,
  pools?: readonly string[],
): Promise<Result<PoolSnapshot[], StateError>> {
  const rows = await db.query<Omit<PoolSnapshot, 'at'> & { at: Date }>(
    'select * from quiesce_snapshot where $1::text[] is null or pool = any($1) order by pool collate "C"',
    [pools ?? null],
  );
  return rows.map((list) => list.map((row) => ({ ...row, at: row.at.toISOString() })));
}

/** Writes the status document. */
export async function writePgStatus(
  db: Db,
  document: WatchStatus,
): Promise<Result<void, StateError>> {
  const done = await db.query(
    `insert into quiesce_status (scope, document, at) values ('fleet', $1, now())
     on conflict (scope) do update set document = excluded.document, at = excluded.at`,
    [JSON.stringify(document)],
  );
  return done.map(() => undefined);
}

/** The status document last written, or null. */
export async function readPgStatus(db: Db): Promise<Result<WatchStatus | null, StateError>> {
  const rows = await db.query<{ document: WatchStatus }>(
    `select document from quiesce_status where scope = 'fleet'`,
  );
  return rows.map((list) => list[0]?.document ?? null);
}
