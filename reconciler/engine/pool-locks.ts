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

/** What lockPools tells as it goes. */
export interface LockProgress {
  /** A lock is held; the event loop turns every few ms between locks (apply observes those pools meanwhile). */
  taken?: (pool: string) => void;
  /** A pool is locked by another and the timeout lets it wait: the holder's line and how long it will wait. */
  waiting?: (held: StateError, upToMs: number) => void;
}

/**
 * Takes every pool's lock, or none (releasing what it took) and the error naming the holder; with a timeout,
 * a pool held by another is waited for (told to `waiting` first).
 */
export async function lockPools(
  store: LockStore,
  pools: readonly string[],
  actor: Actor,
  revision: string | null,
  timeoutMs: number,
  { taken, waiting }: LockProgress = {},
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
  const ask = (pool: string, ms: number) =>
    store.acquireLock({ pool, actor, revision, timeoutMs: ms, batch });
  for (const pool of [...new Set(pools)].sort()) {
    let lease = await ask(pool, 0);
    const left = deadline - Date.now();
    if (lease.isErr() && lease.error.kind === 'Locked' && left > 0) {
      // Said once, before the wait: which pool, who holds it, how long this run waits for it.
      waiting?.(lease.error, left);
      lease = await ask(pool, Math.max(0, deadline - Date.now()));
    }
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
