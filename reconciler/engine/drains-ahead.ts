// Drain records read ahead: apply reads a pool's as soon as its lock is held, while the other pools are observed.
import type { DrainStore, SnapshotStore } from '../state/store.ts';

type Drains = ReturnType<DrainStore['drains']>;

/**
 * The store with each pool's drain records read ahead (`read`, once the pool's lock is held: only this run
 * writes them then). The first recording after the first observe takes them (`store.drains`), and `drop`
 * forgets the rest, so that every later read is the store's own.
 */
export function drainsAhead(store: DrainStore & SnapshotStore) {
  const ahead = new Map<string, Drains>();
  return {
    /** Starts reading the pool's drain records; the next `store.drains(pool)` answers with them. */
    read(pool: string): void {
      if (!ahead.has(pool)) ahead.set(pool, store.drains(pool));
    },
    /** Forgets what was read ahead and not taken. */
    drop(): void {
      ahead.clear();
    },
    store: {
      drains(pool: string): Drains {
        const read = ahead.get(pool);
        ahead.delete(pool);
        return read ?? store.drains(pool);
      },
      recordDrain: (record) => store.recordDrain(record),
      clearDrain: (key) => store.clearDrain(key),
      saveSnapshot: (snapshot) => store.saveSnapshot(snapshot),
      snapshots: (pools) => store.snapshots(pools),
    } satisfies DrainStore & SnapshotStore,
  };
}
