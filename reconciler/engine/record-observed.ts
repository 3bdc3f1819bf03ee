// After observing: open and close drain records, fill in drain starts, and save each pool's snapshot.
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { StateError } from '../errors.ts';
import type { DesiredState, Observations } from '../model.ts';
import { type DrainStarts, drainStarts } from '../state/drain-starts.ts';
import type { DrainStore, SnapshotStore } from '../state/store.ts';

/** Each observed pool's drain starts against its records, or the first store error. */
async function startsByPool(
  store: DrainStore,
  desired: DesiredState,
  observed: Observations,
  now: number,
): Promise<Result<[string, DrainStarts][], StateError>> {
  // Every pool at once: a store may read them in one round trip.
  const pools = desired.pools.filter((p) => !p.suspend && observed.has(p.name));
  const read = await Promise.all(pools.map((pool) => store.drains(pool.name)));
  const found: [string, DrainStarts][] = [];
  for (const [i, pool] of pools.entries()) {
    const drains = read[i] as (typeof read)[number];
    if (drains.isErr()) return err(drains.error);
    const seen = observed.get(pool.name) as NonNullable<ReturnType<Observations['get']>>;
    found.push([pool.name, drainStarts(pool, seen, drains.value, now)]);
  }
  return ok(found);
}

/** Observations with drain starts filled in (so Stalled works for every driver), after saving them. */
export async function recordObserved(
  store: DrainStore & SnapshotStore,
  desired: DesiredState,
  observed: Observations,
  observer: Actor,
  now: number,
): Promise<Result<Observations, StateError>> {
  const pools = await startsByPool(store, desired, observed, now);
  if (pools.isErr()) return err(pools.error);
  const adjusted: Observations = new Map(observed);
  // Pools are written side by side (a store may group their writes); the first error in pool order wins.
  const written = await Promise.all(
    pools.value.map(async ([pool, starts]): Promise<Result<void, StateError>> => {
      for (const record of starts.record) {
        const done = await store.recordDrain(record);
        if (done.isErr()) return err(done.error);
      }
      for (const key of starts.clear) {
        const done = await store.clearDrain(key);
        if (done.isErr()) return err(done.error);
      }
      adjusted.set(pool, starts.observed);
      return store.saveSnapshot({
        pool,
        at: new Date(now).toISOString(),
        observer,
        servers: Object.fromEntries(starts.observed),
        status: null,
      });
    }),
  );
  const failed = written.find((done) => done.isErr());
  if (failed !== undefined) return err(failed.error);
  return ok(adjusted);
}

/** Observations with recorded drain starts filled in, writing nothing (status). */
export async function withDrainStarts(
  store: DrainStore,
  desired: DesiredState,
  observed: Observations,
  now: number,
): Promise<Result<Observations, StateError>> {
  const pools = await startsByPool(store, desired, observed, now);
  return pools.map((list) => {
    const adjusted: Observations = new Map(observed);
    for (const [pool, starts] of list) adjusted.set(pool, starts.observed);
    return adjusted;
  });
}
