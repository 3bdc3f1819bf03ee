// apply's locks and its first observe side by side: each pool is observed as soon as its lock is held.
import type { Result } from 'neverthrow';
import { observeAll } from '../apply/observe-all.ts';
import type { StateError } from '../errors.ts';
import type { Observations } from '../model.ts';
import type { Engine } from './open-engine.ts';
import type { PoolLocks } from './pool-locks.ts';

/** The locks as lockPools took them (telling `taken` of each), and, when all were taken, the first observations. */
export interface LockedObserve {
  locks: Result<PoolLocks, StateError>;
  observed: Observations | null;
}

/**
 * Takes the locks (`lock`, which calls `taken` as each is held) while observing: a pool's servers are observed
 * only once its lock is held, so every observation is made under a lock the run still holds when it plans. A
 * lock not taken stops the observing and returns at once, with no observation.
 */
export async function lockedObserve(
  engine: Pick<Engine, 'desired' | 'drivers' | 'config'>,
  lock: (taken: (pool: string) => void) => Promise<Result<PoolLocks, StateError>>,
): Promise<LockedObserve> {
  const open = new Map<string, () => void>();
  const held = new Map(
    engine.desired.pools.map((pool) => [
      pool.name,
      new Promise<void>((resolve) => open.set(pool.name, resolve)),
    ]),
  );
  let failed = false;
  const locking = lock((pool) => open.get(pool)?.())
    .then((locks) => {
      failed = locks.isErr();
      return locks;
    })
    .finally(() => {
      // Every gate opens once the locking ends: observed when taken, else not (`failed`).
      for (const resolve of open.values()) resolve();
    });
  const { desired, drivers, config } = engine;
  const observing = observeAll(desired, drivers, config.concurrency, config.retry, async (pool) => {
    const gate = held.get(pool);
    if (gate === undefined) return false;
    await gate;
    return !failed;
  });
  const locks = await locking;
  if (locks.isErr()) {
    // Refused at once: the observes in flight are not waited for (a slow or unreachable server, its retries);
    // what they find is dropped, and the drivers are closed under them.
    observing.catch(() => {});
    return { locks, observed: null };
  }
  return { locks, observed: await observing };
}
