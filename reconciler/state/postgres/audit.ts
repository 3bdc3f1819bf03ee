// Audit records in quiesce_audit: one insert per record; history filters in SQL on indexed columns.
import type { Result } from 'neverthrow';
import type { AuditQuery, AuditRecord } from '../../audit-record.ts';
import type { StateError } from '../../errors.ts';
import type { Db } from './db.ts';

/** Appends one record; resolves once it is committed. */
export async function appendPgAudit(
  db: Db,
  record: AuditRecord,
): Promise<Result<void, StateError>> {
  const server = 'server' in record ? record.server : null;
  const done = await db.query(
    'insert into quiesce_audit (time, pool, server, record) values ($1, $2, $3, $4)',
    [record.time, record.pool, server, JSON.stringify(record)],
  );
  return done.map(() => undefined);
}

/** Records matching the query, oldest first. */
export async function queryPgAudit(
  db: Db,
  query: AuditQuery,
): Promise<Result<AuditRecord[], StateError>> {
  const rows = await db.query<{ record: AuditRecord }>(
    `select record from quiesce_audit
     where ($1::text is null or pool = $1) and ($2::text is null or server = $2)
       and ($3::timestamptz is null or time >= $3)
     order by time, id`,
    [query.pool ?? null, query.server ?? null, query.since ?? null],
  );
  return rows.map((list) => list.map((row) => row.record));
}
