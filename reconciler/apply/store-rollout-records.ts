// Rollout records in the state store's keyed records (kind `rollout`, key `pool/id/server`): the
// folder or PostgreSQL store once the CLI hands one in.
import type { Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { RolloutRecord } from '../plan/maintenance/rollout-types.ts';
import { type RolloutRecords, recordKey } from './rollout-records.ts';

/** The slice of the state store the rounds use; StateStore's RecordStore has this shape. */
export interface KeyedRecords {
  putRecord(kind: string, key: string, value: unknown): Promise<Result<void, StateError>>;
  listRecords(kind: string): Promise<Result<{ key: string; value: unknown }[], StateError>>;
}

/** The kind rollout records are stored under. */
export const ROLLOUT_KIND = 'rollout';

/** RolloutRecords on top of a state store. */
export function storeRolloutRecords(store: KeyedRecords): RolloutRecords {
  return {
    async load(pool, id) {
      const prefix = `${pool}/${id}/`;
      const listed = await store.listRecords(ROLLOUT_KIND);
      return listed.map(
        (records) =>
          new Map(
            records
              .filter((r) => r.key.startsWith(prefix))
              .map((r) => [(r.value as RolloutRecord).server, r.value as RolloutRecord]),
          ),
      );
    },
    async save(record) {
      return store.putRecord(ROLLOUT_KIND, recordKey(record), record);
    },
  };
}
