// Round records in the state store's keyed records (kind `rollout`, key `pool/id/server`): the
// folder or PostgreSQL store once the CLI hands one in.
import type { Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { RoundRecord } from '../plan/maintenance/round-types.ts';
import { type RoundRecords, recordKey } from './round-records.ts';

/** The slice of the state store the rounds use; StateStore's RecordStore has this shape. */
export interface KeyedRecords {
  putRecord(kind: string, key: string, value: unknown): Promise<Result<void, StateError>>;
  listRecords(kind: string): Promise<Result<{ key: string; value: unknown }[], StateError>>;
}

/** The kind round records are stored under. */
export const ROLLOUT_KIND = 'rollout';

/** RoundRecords on top of a state store. */
export function storeRoundRecords(store: KeyedRecords): RoundRecords {
  return {
    async load(pool, id) {
      const prefix = `${pool}/${id}/`;
      const listed = await store.listRecords(ROLLOUT_KIND);
      return listed.map(
        (records) =>
          new Map(
            records
              .filter((r) => r.key.startsWith(prefix))
              .map((r) => [(r.value as RoundRecord).server, r.value as RoundRecord]),
          ),
      );
    },
    async save(record) {
      return store.putRecord(ROLLOUT_KIND, recordKey(record), record);
    },
  };
}
