// PostgreSQL's notification memory: one keyed record (kind `notify-memory`, key `fleet`), last writer wins.
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { NotifyMemory } from '../../status/notified.ts';
import { asNotifyMemory } from '../notified.ts';
import type { Db } from './db.ts';
import { getPgRecord, putPgRecord } from './records.ts';

const KIND = 'notify-memory';
const KEY = 'fleet';

/** The memory last written, or null. */
export async function readPgNotified(db: Db): Promise<Result<NotifyMemory | null, StateError>> {
  const record = await getPgRecord(db, KIND, KEY);
  return record.map((found) => (found === null ? null : asNotifyMemory(found.value)));
}

/** Replaces the memory. */
export const writePgNotified = (db: Db, memory: NotifyMemory) => putPgRecord(db, KIND, KEY, memory);
