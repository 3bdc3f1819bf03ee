// apply's locks: one per pool it reconciles, taken in name order (so two applies never deadlock),
// each with its fence; released together at the end.
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { StateError } from '../errors.ts';
import type { Lease } from '../state/lock.ts';
import type { LockStore } from '../state/store.ts';

/** How long lockPools takes locks before the event loop turns, when told of each (`taken`). */
const YIELD_MS = 4;

/** Held pool locks. */
export interface PoolLocks {
  /** Whether the pool's lock is still ours: checked before each step. */
  alive(pool: string): Promise<boolean>;
  /** Releases every lock; the errors of locks that were already lost. */
  release(): Promise<StateError[]>;
}

/**
 * Takes every pool's lock, or none (releasing what it took) and the error naming the holder. `taken` is told
 * of each lock as it is held, and the event loop turns between locks (apply observes those pools meanwhile).
 */
export async function lockPools(
  store: LockStore,
  pools: readonly string[],
  actor: Actor,
  revision: string | null,
  timeoutMs: number,
  taken?: (pool: string) => void,
): Promise<Result<PoolLocks, StateError>> {
  const leases = new Map<string, Lease>();
  const release = async () => {
    // Side by side: 500 pools' lock files are read and removed through the thread pool, not one by one.
    const done = await Promise.all([...leases.values()].map((lease) => lease.release()));
    leases.clear();
    return done.flatMap((released) => (released.isErr() ? [released.error] : []));
  };
  const deadline = Date.now() + timeoutMs;
  let turned = Date.now();
  /** One holder for all of them (the folder store names it in every pool's lock file). */
  const batch = {};
  for (const pool of [...new Set(pools)].sort()) {
    const lease = await store.acquireLock({
      pool,
      actor,
      revision,
      timeoutMs: Math.max(0, deadline - Date.now()),
      batch,
    });
    if (lease.isErr()) {
      await release();
      return err(lease.error);
    }
    leases.set(pool, lease.value);
    if (taken !== undefined) {
      taken(pool);
      // A turn every few ms: the pools' observes move on, and a store that takes the locks of one turn with
      // one holder file (the folder store) writes a few of them, not one per pool.
      if (Date.now() - turned >= YIELD_MS) {
        await new Promise((turn) => setImmediate(turn));
        turned = Date.now();
      }
    }
  }
  return ok({
    alive: async (pool) => (await leases.get(pool)?.alive()) ?? false,
    release,
  });
}
