// apply's locks: one per pool it reconciles, taken in name order (so two applies never deadlock),
// each with its fence; released together at the end.
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { StateError } from '../errors.ts';
import type { Lease } from '../state/lock.ts';
import type { LockStore } from '../state/store.ts';

/** Held pool locks. */
export interface PoolLocks {
  /** Whether the pool's lock is still ours: checked before each step. */
  alive(pool: string): Promise<boolean>;
  /** Releases every lock; the errors of locks that were already lost. */
  release(): Promise<StateError[]>;
}

/** Takes every pool's lock, or none (releasing what it took) and the error naming the holder. */
export async function lockPools(
  store: LockStore,
  pools: readonly string[],
  actor: Actor,
  revision: string | null,
  timeoutMs: number,
): Promise<Result<PoolLocks, StateError>> {
  const leases = new Map<string, Lease>();
  const release = async () => {
    const errors: StateError[] = [];
    for (const lease of leases.values()) {
      const done = await lease.release();
      if (done.isErr()) errors.push(done.error);
    }
    leases.clear();
    return errors;
  };
  const deadline = Date.now() + timeoutMs;
  for (const pool of [...new Set(pools)].sort()) {
    const lease = await store.acquireLock({
      pool,
      actor,
      revision,
      timeoutMs: Math.max(0, deadline - Date.now()),
    });
    if (lease.isErr()) {
      await release();
      return err(lease.error);
    }
    leases.set(pool, lease.value);
  }
  return ok({
    alive: async (pool) => (await leases.get(pool)?.alive()) ?? false,
    release,
  });
}
