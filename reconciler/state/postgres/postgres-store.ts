// The PostgreSQL StateStore: for CI runners that keep no files and watchers on several machines.
import { err, ok, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import { auditedUnlock } from '../force-unlock.ts';
import type { StateStore } from '../store.ts';
import { appendPgAudit, queryPgAudit } from './audit.ts';
import { openDb } from './db.ts';
import { clearPgDrain, pgDrainReader, pgDrainRecorder } from './drains.ts';
import type { Fences } from './fences.ts';
import { forcePgUnlock, pgLockHolders } from './holders.ts';
import { acquirePgLock } from './lock.ts';
import { lockSessions } from './lock-session.ts';
import { migrate } from './migrate.ts';
import { readPgNotified, writePgNotified } from './notified.ts';
import { openPgWatcher, pgOwners } from './ownership.ts';
import { deletePgRecord, getPgRecord, listPgRecords, putPgRecord } from './records.ts';
import { pgSnapshots, pgSnapshotWriter, readPgStatus, writePgStatus } from './snapshots.ts';
import { pgStepWriter } from './steps.ts';
import { type PostgresOptions, postgresTarget } from './target.ts';

/** Connects, creates or migrates the schema, and returns the store (or one clear StateError). */
export async function openPostgresStore(
  options: PostgresOptions,
): Promise<Result<StateStore, StateError>> {
  const target = postgresTarget(options);
  if (target.isErr()) return err(target.error);
  const db = openDb(target.value);
  const sessions = lockSessions(db);
  if (options.locks === true) sessions.warm(); // its login overlaps the schema check's
  const migrated = await migrate(db);
  const ready = migrated.isOk() && options.locks === true ? await sessions.ready() : migrated;
  if (ready.isErr()) {
    await db.close();
    return err(ready.error);
  }
  const fences: Fences = new Map();
  return ok({
    location: target.value.location,
    acquireLock: (request) => acquirePgLock(db, sessions, fences, request),
    lockHolders: () => pgLockHolders(db),
    forceUnlock: (pool, id, by) =>
      auditedUnlock(
        () => forcePgUnlock(db, pool, id, by),
        (record) => appendPgAudit(db, record),
        pool,
        by,
        Date.now(),
      ),
    appendAudit: (record) => appendPgAudit(db, record),
    recordStep: pgStepWriter(db, fences),
    queryAudit: (query) => queryPgAudit(db, query),
    writeStatus: (document) => writePgStatus(db, document),
    readStatus: () => readPgStatus(db),
    readNotified: () => readPgNotified(db),
    writeNotified: (memory) => writePgNotified(db, memory),
    // Watchers on several machines share the store's pools through ownership: no guard to take.
    guardWatcher: async () => ok({ release: async () => {} }),
    recordDrain: pgDrainRecorder(db),
    clearDrain: (key) => clearPgDrain(db, key),
    drains: pgDrainReader(db),
    saveSnapshot: pgSnapshotWriter(db),
    snapshots: (pools) => pgSnapshots(db, pools),
    openWatcher: (actor) => openPgWatcher(db, actor),
    owners: () => pgOwners(db),
    putRecord: (kind, key, value) => putPgRecord(db, kind, key, value),
    getRecord: (kind, key) => getPgRecord(db, kind, key),
    listRecords: (kind) => listPgRecords(db, kind),
    deleteRecord: (kind, key) => deletePgRecord(db, kind, key),
    close: () => db.close(),
  });
}
