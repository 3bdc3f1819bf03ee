// Runs what a plan's rounds decided: records drains and returns, runs hooks in the background. Plans nothing.
import { ok, type Result } from 'neverthrow';
import type { StateError } from '../errors.ts';
import type { DesiredState } from '../model.ts';
import type { Round, RoundRecord } from '../plan/maintenance/round-types.ts';
import { HookRegistry } from './hook-registry.ts';
import type { RoundContext, RoundRuntime } from './round-context.ts';
import type { RoundRecords } from './round-records.ts';
import { act } from './round-steps.ts';

export type { RoundContext, RoundRuntime } from './round-context.ts';

/** A runtime with no hooks running and no gate answers yet. */
export function createRoundRuntime(
  records: RoundRecords,
  options: Omit<RoundRuntime, 'records' | 'hooks' | 'gates'>,
): RoundRuntime {
  return { records, hooks: new HookRegistry(), gates: new Map(), ...options };
}

/**
 * Does exactly the actions of the plan's rounds (`records`: the records the plan was made from, by pool then
 * server, updated as actions are recorded); the first record that cannot be written stops them.
 */
export async function runRoundActions(
  desired: DesiredState,
  rollouts: readonly Round[],
  records: Map<string, Map<string, RoundRecord>>,
  context: RoundContext,
): Promise<Result<void, StateError>> {
  for (const rollout of rollouts) {
    const pool = desired.pools.find((p) => p.name === rollout.pool);
    if (pool === undefined) continue;
    const poolRecords = records.get(pool.name) ?? new Map<string, RoundRecord>();
    records.set(pool.name, poolRecords);
    for (const action of rollout.actions) {
      const done = await act(pool, action, poolRecords, context);
      if (done.isErr()) return done;
    }
  }
  return ok(undefined);
}
