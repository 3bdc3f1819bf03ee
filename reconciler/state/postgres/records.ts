// Keyed records in quiesce_record (rounds): last write wins.
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { KeyedRecord } from '../keyed-record.ts';
import type { Db } from './db.ts';
import { grouped } from './group.ts';

type Row = Omit<KeyedRecord, 'updated'> & { updated: Date };
const asRecord = (row: Row): KeyedRecord => ({ ...row, updated: row.updated.toISOString() });

/** Each Db's record writer: records put in the same turn go in one statement. */
const writers = new WeakMap<
  Db,
  (record: [string, string, unknown]) => Promise<Result<void, StateError>>
>();

/** Writes batches of (kind, key, value): one statement each, the last value per (kind, key) wins. */
function recordWriter(db: Db) {
  return grouped(async (batch: [string, string, unknown][]) => {
    const last = new Map(
      batch.map(([kind, key, value]) => [`${kind}\u0000${key}`, { kind, key, value }]),
    );
    const done = await db.query(
      `insert into quiesce_record (kind, key, value, updated)
       select kind, key, value, now() from jsonb_to_recordset($1::jsonb) as t(kind text, key text, value jsonb)
       on conflict (kind, key) do update set value = excluded.value, updated = excluded.updated`,
      [JSON.stringify([...last.values()])],
    );
    return done.map(() => batch.map(() => undefined));
  });
}

/** Writes (kind, key) → value; puts made in the same turn (a view of every pool) share one round trip. */
export function putPgRecord(
  db: Db,
  kind: string,
  key: string,
  value: unknown,
): Promise<Result<void, StateError>> {
  let write = writers.get(db);
  if (write === undefined) {
    write = recordWriter(db);
    writers.set(db, write);
  }
  return write([kind, key, value]);
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
