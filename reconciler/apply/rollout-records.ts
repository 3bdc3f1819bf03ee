// Where rollout records live: a small port (the state store's keyed records once it has them), and a
// folder implementation, <state-dir>/rollouts/<pool>.json, written atomically by the pool's lock holder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { saveFileAtomic } from '../atomic-file.ts';
import { fsErrorMessage } from '../fs-error.ts';
import type { RolloutRecord } from '../plan/maintenance/rollout-types.ts';

/** Reads and writes rollout records; errors are one line that says what and where. */
export interface RolloutRecords {
  /** The pool's records of round `id`, by server. */
  load(pool: string, id: string): Promise<Result<Map<string, RolloutRecord>, string>>;
  /** Replaces the record of (pool, id, server); resolves once it is written. */
  save(record: RolloutRecord): Promise<Result<void, string>>;
}

/** The record's key: one per pool, round and server. */
export const recordKey = (r: { pool: string; id: string; server: string }) =>
  `${r.pool}/${r.id}/${r.server}`;

type PoolFile = { formatVersion: 1; records: Record<string, RolloutRecord> };

/** Rollout records in `<stateDir>/rollouts/<pool>.json`. */
export function folderRolloutRecords(stateDir: string): RolloutRecords {
  const path = (pool: string) => join(stateDir, 'rollouts', `${pool}.json`);
  const read = (pool: string): Result<PoolFile, string> => {
    try {
      const parsed = JSON.parse(readFileSync(path(pool), 'utf8')) as PoolFile;
      return ok(parsed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return ok({ formatVersion: 1, records: {} });
      if (error instanceof SyntaxError)
        return err(
          `cannot read ${path(pool)}: not JSON (${error.message}); move it aside to start the round over`,
        );
      return err(fsErrorMessage('read', path(pool), error));
    }
  };
  return {
    async load(pool, id) {
      return read(pool).map(
        (file) =>
          new Map(
            Object.values(file.records)
              .filter((r) => r.id === id)
              .map((r) => [r.server, r]),
          ),
      );
    },
    async save(record) {
      return read(record.pool).andThen((file) => {
        file.records[recordKey(record)] = record;
        return saveFileAtomic(path(record.pool), `${JSON.stringify(file, null, 1)}\n`);
      });
    },
  };
}
