// After observing: open and close drain records, fill in drain starts, and save each pool's snapshot.
import { err, ok, type Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { DesiredState, Observations } from '../model.ts';
import type { Actor } from '../state/actor.ts';
import { drainStarts } from '../state/drain-starts.ts';
import type { DrainStore, SnapshotStore } from '../state/store.ts';

/** Observations with drain starts filled in (so Stalled works for every driver), after saving them. */
export async function recordRound(
  store: DrainStore & SnapshotStore,
  desired: DesiredState,
  observed: Observations,
  observer: Actor,
  now: number,
): Promise<Result<Observations, StateError>> {
  const adjusted: Observations = new Map(observed);
  for (const pool of desired.pools) {
    const seen = observed.get(pool.name);
    if (pool.suspend || seen === undefined) continue;
    const drains = await store.drains(pool.name);
    if (drains.isErr()) return err(drains.error);
    const starts = drainStarts(pool, seen, drains.value, now);
    for (const record of starts.record) {
      const done = await store.recordDrain(record);
      if (done.isErr()) return err(done.error);
    }
    for (const key of starts.clear) {
      const done = await store.clearDrain(key);
      if (done.isErr()) return err(done.error);
    }
    adjusted.set(pool.name, starts.observed);
    const saved = await store.saveSnapshot({
      pool: pool.name,
      at: new Date(now).toISOString(),
      observer,
      servers: Object.fromEntries(starts.observed),
      status: null,
    });
    if (saved.isErr()) return err(saved.error);
  }
  return ok(adjusted);
}

/** Observations with recorded drain starts filled in, writing nothing (status). */
export async function withDrainStarts(
  store: DrainStore,
  desired: DesiredState,
  observed: Observations,
  now: number,
): Promise<Result<Observations, StateError>> {
  const adjusted: Observations = new Map(observed);
  for (const pool of desired.pools) {
    const seen = observed.get(pool.name);
    if (pool.suspend || seen === undefined) continue;
    const drains = await store.drains(pool.name);
    if (drains.isErr()) return err(drains.error);
    adjusted.set(pool.name, drainStarts(pool, seen, drains.value, now).observed);
  }
  return ok(adjusted);
}
