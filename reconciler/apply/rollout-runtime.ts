// Runs what a plan's rounds decided: records drains and returns, runs hooks in the background. Plans nothing.
import { ok, type Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { DesiredState } from '../model.ts';
import type { Rollout, RolloutRecord } from '../plan/maintenance/rollout-types.ts';
import { HookRegistry } from './hook-registry.ts';
import { act } from './rollout-actions.ts';
import type { RolloutRuntime, RoundContext } from './rollout-context.ts';
import type { RolloutRecords } from './rollout-records.ts';

export type { RolloutRuntime, RoundContext } from './rollout-context.ts';

/** A runtime with no hooks running and no gate answers yet. */
export function rolloutRuntime(
  records: RolloutRecords,
  options: Omit<RolloutRuntime, 'records' | 'hooks' | 'gates'>,
): RolloutRuntime {
  return { records, hooks: new HookRegistry(), gates: new Map(), ...options };
}

/**
 * Does exactly the actions of the plan's rounds (`records`: the records the plan was made from, by pool then
 * server, updated as actions are recorded); the first record that cannot be written stops them.
 */
export async function runRoundActions(
  desired: DesiredState,
  rollouts: readonly Rollout[],
  records: Map<string, Map<string, RolloutRecord>>,
  context: RoundContext,
): Promise<Result<void, StateError>> {
  for (const rollout of rollouts) {
    const pool = desired.pools.find((p) => p.name === rollout.pool);
    if (pool === undefined) continue;
    const poolRecords = records.get(pool.name) ?? new Map<string, RolloutRecord>();
    records.set(pool.name, poolRecords);
    for (const action of rollout.actions) {
      const done = await act(pool, action, poolRecords, context);
      if (done.isErr()) return done;
    }
  }
  return ok(undefined);
}
