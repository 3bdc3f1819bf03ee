// `plan --from-store`: the last observations an apply or watch recorded, with their age and observer.
import { err, ok, type Result } from 'neverthrow';
import { describeActor } from '../actor.ts';
import { formatDuration } from '../duration.ts';
import { driverError, type StateError } from '../errors.ts';
import type { DesiredState, Observations, ServerObservation } from '../model.ts';
import type { SnapshotStore } from '../state/store.ts';

/** Observations to plan with, and a line per observation (its pools, how old it is, who saw it). */
export async function observedFromStore(
  store: Pick<SnapshotStore, 'snapshots'>,
  desired: DesiredState,
  now: number,
): Promise<Result<{ observed: Observations; notes: string[] }, StateError>> {
  const pools = desired.pools.filter((p) => !p.suspend).map((p) => p.name);
  const found = await store.snapshots(pools);
  if (found.isErr()) return err(found.error);
  const byPool = new Map(found.value.map((s) => [s.pool, s]));
  const observed: Observations = new Map();
  // More than three pools seen by the same run at the same time share one note (500 pools: one line).
  const notes = new Map<string, string[]>();
  for (const pool of desired.pools) {
    if (pool.suspend) continue;
    const snapshot = byPool.get(pool.name);
    const missing: ServerObservation = {
      ok: false,
      error: driverError(
        'NotFound',
        snapshot === undefined
          ? `no observation of pool ${pool.name} in the store yet; run apply or watch where the servers are reachable`
          : `server not in the last observation of pool ${pool.name} (${snapshot.at})`,
      ),
    };
    observed.set(
      pool.name,
      new Map(pool.servers.map((s) => [s.name, snapshot?.servers[s.name] ?? missing])),
    );
    const note =
      snapshot === undefined
        ? 'never observed'
        : `observed ${snapshot.at} (${formatDuration(Math.max(0, now - Date.parse(snapshot.at)))} ago) by ${describeActor(snapshot.observer)}`;
    notes.set(note, [...(notes.get(note) ?? []), pool.name]);
  }
  return ok({
    observed,
    notes: [...notes].flatMap(([note, pools]) =>
      pools.length <= 3
        ? pools.map((pool) => `${pool}: ${note}`)
        : [
            `${pools.length} pools (${pools[0]}, ${pools[1]} and ${pools.length - 2} more): ${note}`,
          ],
    ),
  });
}
