// statusOnce: every service's desired mode, health and sessions, the rounds, and which watcher owns which pool.
import { err, ok, type Result } from 'neverthrow';
import type { LockHolder } from '../actor.ts';
import { type EngineError, fromState } from '../errors.ts';
import type { Plan } from '../plan/index.ts';
import type { Ownership } from '../state/ownership.ts';
import { type PoolStatus, planFleetStatus } from '../status/index.ts';
import type { Engine } from './open-engine.ts';
import { withDrainStarts } from './record-observed.ts';

/** The fleet's status now, the plan it was read from, and the pools' owners. */
export interface StatusOutcome {
  pools: PoolStatus[];
  plan: Plan;
  owners: Ownership[];
  /** The locks held now on the pools shown (an apply or a watcher at work, or a holder that is gone). */
  locks: LockHolder[];
}

/** Observes once, fills in drain starts from the store (Stalled for every driver), plans with the rounds. */
export async function statusOnce(engine: Engine): Promise<Result<StatusOutcome, EngineError>> {
  const seen = await engine.observe();
  const closed = await engine.closeDrivers();
  if (closed.isErr()) return err(closed.error);
  const now = engine.config.now();
  const filled = await withDrainStarts(engine.store, engine.desired, seen, now);
  if (filled.isErr()) return err(fromState(filled.error));
  const owners = await engine.store.owners();
  if (owners.isErr()) return err(fromState(owners.error));
  const held = await engine.store.lockHolders();
  if (held.isErr()) return err(fromState(held.error));
  const shown = new Set(engine.desired.pools.map((p) => p.name));
  const planned = await engine.plan(filled.value);
  if (planned.isErr()) return err(planned.error);
  const { plan } = planned.value;
  return ok({
    pools: planFleetStatus(engine.desired, plan, filled.value, now),
    plan,
    owners: owners.value,
    locks: held.value.filter((l) => shown.has(l.pool)),
  });
}
