// After observing: open and close drain records, fill in drain starts, and save each pool's snapshot.
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import { forEachLimit } from '../apply/concurrency.ts';
import type { StateError } from '../errors.ts';
import type { DesiredState, Observations } from '../model.ts';
import { type DrainStarts, drainStarts } from '../state/drain-starts.ts';
import type { PoolSnapshot } from '../state/pool-snapshot.ts';
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

/** Writes the drain records the pools' starts open and close; the first error in pool order. */
async function writeDrains(
  store: DrainStore,
  pools: readonly [string, DrainStarts][],
): Promise<Result<void, StateError>> {
  // Pools side by side (a store may group their writes), each pool's changes in order.
  const written = await Promise.all(
    pools.map(async ([, starts]): Promise<Result<void, StateError>> => {
      for (const record of starts.record) {
        const done = await store.recordDrain(record);
        if (done.isErr()) return err(done.error);
      }
      for (const key of starts.clear) {
        const done = await store.clearDrain(key);
        if (done.isErr()) return err(done.error);
      }
      return ok(undefined);
    }),
  );
  return written.find((done) => done.isErr()) ?? ok(undefined);
}

/**
 * Records a run's rounds of observations. `record` writes the drain records (the plan needs them) and returns
 * the observations to plan with; each pool's snapshot waits for `save`, so a round recorded again before it
 * replaces it (a run saves a pool once, where it left it, not once per round).
 */
export function observationRecorder(
  store: DrainStore & SnapshotStore,
  desired: DesiredState,
  observer: Actor,
) {
  let saving: Promise<Result<void, StateError>> = Promise.resolve(ok(undefined));
  /** Snapshots not handed to the store yet, by pool. */
  const pending = new Map<string, PoolSnapshot>();
  return {
    async record(observed: Observations, now: number): Promise<Result<Observations, StateError>> {
      const pools = await startsByPool(store, desired, observed, now);
      if (pools.isErr()) return err(pools.error);
      const drains = await writeDrains(store, pools.value);
      if (drains.isErr()) return err(drains.error);
      const adjusted: Observations = new Map(observed);
      for (const [pool, starts] of pools.value) {
        adjusted.set(pool, starts.observed);
        pending.set(pool, {
          pool,
          at: new Date(now).toISOString(),
          observer,
          servers: Object.fromEntries(starts.observed),
          status: null,
        });
      }
      return ok(adjusted);
    },
    /**
     * Saves the snapshots not saved yet, after the saves before, at most `lanes` at once (a run's steps share
     * the store: a folder store's writes share libuv's four threads); `keep` drops a pool's (its lock lost);
     * `only` saves those pools' and leaves the others for later. The first error in pool order, or a save before's.
     */
    save(
      lanes = Number.POSITIVE_INFINITY,
      keep: (pool: string) => Promise<boolean> | boolean = () => true,
      only?: readonly string[],
    ): Promise<Result<void, StateError>> {
      const pools = only ?? [...pending.keys()];
      const snapshots = pools.flatMap((pool) => pending.get(pool) ?? []);
      for (const pool of pools) pending.delete(pool);
      saving = saving.then(async (before): Promise<Result<void, StateError>> => {
        if (before.isErr()) return before;
        const done: Result<void, StateError>[] = [];
        await forEachLimit([...snapshots.keys()], lanes, async (i) => {
          const snapshot = snapshots[i] as PoolSnapshot;
          if (await keep(snapshot.pool)) done[i] = await store.saveSnapshot(snapshot);
        });
        return done.find((one) => one?.isErr()) ?? ok(undefined);
      });
      return saving;
    },
  };
}

/** Observations with drain starts filled in (so Stalled works for every driver), after saving them. */
export async function recordObserved(
  store: DrainStore & SnapshotStore,
  desired: DesiredState,
  observed: Observations,
  observer: Actor,
  now: number,
): Promise<Result<Observations, StateError>> {
  const recorder = observationRecorder(store, desired, observer);
  const recorded = await recorder.record(observed, now);
  if (recorded.isErr()) return err(recorded.error);
  const saved = await recorder.save();
  return saved.isErr() ? err(saved.error) : ok(recorded.value);
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
