// Creates or migrates the schema on first use, one process at a time; refuses a newer schema.
import { err, ok, type Result } from 'neverthrow';
import { type StateError, stateError } from '../../errors.ts';
import type { Db } from './db.ts';
import { MIGRATE_NAMESPACE } from './keys.ts';
import { MIGRATIONS } from './schema.ts';

/**
 * Brings the database to `upTo` (default: the latest) inside one transaction holding a
 * transaction-level advisory lock, so two processes migrating at once run each step once.
 */
export async function migrate(
  db: Db,
  upTo = MIGRATIONS.length,
): Promise<Result<number, StateError>> {
  // Fast path, no lock and no extra connection: the schema is already where it should be.
  const seen = await db.query<{ version: number }>('select version from quiesce_schema');
  if (seen.isOk() && seen.value[0]?.version === upTo) return ok(upTo);
  if (seen.isErr() && seen.error.kind !== 'Unexpected') return err(seen.error);
  const client = await db.client('migrate');
  if (client.isErr()) return err(client.error);
  const c = client.value;
  try {
    await c.query('begin');
    await c.query('select pg_advisory_xact_lock($1, 0)', [MIGRATE_NAMESPACE]);
    await c.query(
      'create table if not exists quiesce_schema (one boolean primary key default true check (one), version integer not null)',
    );
    const rows = (await c.query('select version from quiesce_schema')).rows as {
      version: number;
    }[];
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      await c.query('rollback');
      return err(
        stateError(
          'NewerSchema',
          `the store at ${db.target.location} has schema version ${current}, written by a newer quiesce (this one knows up to ${MIGRATIONS.length}); upgrade quiesce on this machine`,
        ),
      );
    }
    for (let version = current + 1; version <= upTo; version++)
      await c.query(MIGRATIONS[version - 1] as string);
    if (upTo > current)
      await c.query(
        'insert into quiesce_schema (version) values ($1) on conflict (one) do update set version = excluded.version',
        [upTo],
      );
    await c.query('commit');
    return ok(Math.max(current, upTo));
  } catch (error) {
    await c.query('rollback').catch(() => {});
    return err(db.fail(error));
  } finally {
    await c.end().catch(() => {});
  }
}
