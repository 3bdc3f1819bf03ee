// Keyed records in quiesce_record (rounds): last write wins.
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { KeyedRecord } from '../keyed-record.ts';
import type { Db } from './db.ts';

type Row = Omit<KeyedRecord, 'updated'> & { updated: Date };
const asRecord = (row: Row): KeyedRecord => ({ ...row, updated: row.updated.toISOString() });

/** Writes (kind, key) → value. */
export async function putPgRecord(db: Db, kind: string, key: string, value: unknown) {
  const done = await db.query(
    `insert into quiesce_record (kind, key, value, updated) values ($1, $2, $3, now())
     on conflict (kind, key) do update set value = excluded.value, updated = excluded.updated`,
    [kind, key, JSON.stringify(value)],
  );
  return done.map(() => undefined);
}

/** The record, or null. */
export async function getPgRecord(
  db: Db,
  kind: string,
  key: string,
): Promise<Result<KeyedRecord | null, StateError>> {
  const rows = await db.query<Row>('select * from quiesce_record where kind = $1 and key = $2', [
    kind,
    key,
  ]);
  return rows.map((list) => (list[0] === undefined ? null : asRecord(list[0])));
}

/** Every record of a kind, by key. */
export async function listPgRecords(
  db: Db,
  kind: string,
): Promise<Result<KeyedRecord[], StateError>> {
  const rows = await db.query<Row>(
    'select * from quiesce_record where kind = $1 order by key collate "C"',
    [kind],
  );
  return rows.map((list) => list.map(asRecord));
}

/** Removes a record (absent is fine). */
export async function deletePgRecord(db: Db, kind: string, key: string) {
  const done = await db.query('delete from quiesce_record where kind = $1 and key = $2', [
    kind,
    key,
  ]);
  return done.map(() => undefined);
}
