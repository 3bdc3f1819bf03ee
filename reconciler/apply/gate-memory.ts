// What the lync2013-readiness gate remembers of a round across restarts (the state store's keyed records, kind
// `gate`, key `pool/id`): Busy answers in a row, and a stop. Never in memory only: a quiesce restarted between
// two Busy answers counts on from the store.
import type { Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { KeyedRecords } from './store-round-records.ts';

/** The kind gate memories are stored under. */
export const GATE_KIND = 'gate';

/** One round's memory: Busy answers counted in a row (10 minutes apart), when the last counted, a stop. */
export interface GateMemory {
  busy: number;
  lastBusyAt: number | null;
  /** Why the round was stopped by its gate (three Busy, InsufficientActiveFrontEnds), and when; null: not. */
  stopped: { message: string; at: number } | null;
}

/** Reads and writes gate memories. */
export interface GateMemories {
  load(pool: string, id: string): Promise<Result<GateMemory, StateError>>;
  save(pool: string, id: string, memory: GateMemory): Promise<Result<void, StateError>>;
}

/** A round nothing has been remembered of. */
export const FRESH_MEMORY: GateMemory = { busy: 0, lastBusyAt: null, stopped: null };

/** Gate memories in the state store's keyed records. */
export function storeGateMemories(
  store: Pick<KeyedRecords, 'putRecord'> & {
    getRecord(kind: string, key: string): Promise<Result<{ value: unknown } | null, StateError>>;
  },
): GateMemories {
  return {
    async load(pool, id) {
      const found = await store.getRecord(GATE_KIND, `${pool}/${id}`);
      return found.map((r) => ({
        ...FRESH_MEMORY,
        ...((r?.value as GateMemory | undefined) ?? {}),
      }));
    },
    save: (pool, id, memory) => store.putRecord(GATE_KIND, `${pool}/${id}`, memory),
  };
}
