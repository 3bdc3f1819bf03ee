// Drain records of the folder store: drains/<pool>.json and its journal drains/<pool>.jsonl (written by the pool's lock holder).
import type { Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { DrainRecord, ServiceKey } from '../drain-record.ts';
import { readDrains } from './drain-journal.ts';
import type { groupCommit } from './group-commit.ts';

/** Drain records kept per pool: a snapshot plus an append-only journal, changes written by `writer`. */
export function folderDrains(dir: string, writer: ReturnType<typeof groupCommit>) {
  return {
    async drains(pool: string): Promise<Result<DrainRecord[], StateError>> {
      return readDrains(dir, pool);
    },
    recordDrain: (record: DrainRecord) => writer.changeDrain({ open: record }),
    clearDrain: (key: ServiceKey) => writer.changeDrain({ close: key }),
  };
}
