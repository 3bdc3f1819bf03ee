// Steps' audit records and drain changes, written in batches (group commit) by one statement that also
// confirms the locks of their pools (the fence): one round trip for every step that finished meanwhile.
import { err, ok, type Result } from 'neverthrow';
import type { AuditEntry } from '../../audit-record.ts';
import type { StateError } from '../../errors.ts';
import { stepDrain } from '../step-drain.ts';
import type { Db } from './db.ts';
import type { Fences } from './fences.ts';
import { grouped } from './group.ts';
import { LOCK_NAMESPACE } from './keys.ts';
import { retriedWrite } from './write-retry.ts';

/** Named, so each connection plans it once. Audit rows keep the order the steps were recorded in. */
const RECORD_STEPS = {
  name: 'quiesce_record_steps_3',
  text: `with input as (
      select * from jsonb_to_recordset($1::jsonb)
        as t(ord int, time timestamptz, pool text, server text, service text, drain text,
             start_type text, record jsonb)),
    audit as (
      insert into quiesce_audit (time, pool, server, record)
      select time, pool, server, record from input order by ord),
    opened as (
      insert into quiesce_drain (pool, server, service, began, source, start_type)
      select pool, server, service, time, 'paused', start_type from input where drain = 'open' order by ord
      on conflict do nothing),
    closed as (
      delete from quiesce_drain d using input i
      where i.drain = 'close' and d.pool = i.pool and d.server = i.server and d.service = i.service)
    select f.pool, exists (
      select 1 from quiesce_lock h join pg_locks l on l.pid = h.backend_pid
      where h.pool = f.pool and h.id = f.id and l.locktype = 'advisory' and l.granted
        and l.classid = ${LOCK_NAMESPACE} and l.objid = h.key and l.objsubid = 2) as held
    from unnest($2::text[], $3::text[]) as f(pool, id)`,
};

/** `recordStep` for PostgreSQL: each call resolves once its record is committed (steps go in groups). */
export function pgStepWriter(db: Db, fences: Fences) {
  const write = async (batch: AuditEntry[]): Promise<Result<undefined[], StateError>> => {
    const pools = [...new Set(batch.map((record) => record.pool))].filter((p) => fences.has(p));
    const rows = await db.query<{ pool: string; held: boolean }>(RECORD_STEPS, [
      JSON.stringify(
        batch.map((record, ord) => {
          const change = stepDrain(record);
          const drain = change === null ? null : 'open' in change ? 'open' : 'close';
          const start_type = change !== null && 'open' in change ? change.open.startType : null;
          const { time, pool, server, service } = record;
          return { ord, time, pool, server, service, drain, start_type, record };
        }),
      ),
      pools,
      pools.map((pool) => fences.get(pool)?.id ?? ''),
    ]);
    if (rows.isErr()) return err(rows.error);
    for (const row of rows.value) {
      const fence = fences.get(row.pool);
      if (row.held) fence?.confirm(batch.filter((record) => record.pool === row.pool).length);
      else fence?.lose();
    }
    return ok(batch.map(() => undefined));
  };
  // A write cut by a restart or a statement timeout is sent again (write-retry.ts): a step that happened is audited.
  return grouped(retriedWrite(db, write));
}
