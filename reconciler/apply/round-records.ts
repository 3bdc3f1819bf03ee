// Where round records live: a small port, implemented on the state store's keyed records
// (store-round-records.ts), written by the pool's lock holder.
import type { Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { RoundRecord } from '../plan/maintenance/round-types.ts';

/** Reads and writes round records; errors are the store's StateError (one line that says what and where). */
export interface RoundRecords {
  /** The pool's records of round `id`, by server. */
  load(pool: string, id: string): Promise<Result<Map<string, RoundRecord>, StateError>>;
  /** Replaces the record of (pool, id, server); resolves once it is written. */
  save(record: RoundRecord): Promise<Result<void, StateError>>;
}

/** The record's key: one per pool, round and server. */
export const recordKey = (r: { pool: string; id: string; server: string }) =>
  `${r.pool}/${r.id}/${r.server}`;
