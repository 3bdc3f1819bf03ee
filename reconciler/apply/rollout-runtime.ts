// Runs what the rounds decide: asks gates, records drains and returns, runs hooks in the background.
import { err, ok, type Result } from 'neverthrow';
import type { DesiredState, Observations, PoolSpec } from '../model.ts';
import { type MaintenancePlan, planWithMaintenance } from '../plan/maintenance/maintenance-plan.ts';
import type { GateVerdict, RolloutRecord } from '../plan/maintenance/rollout-types.ts';
import { checkGates } from './gates.ts';
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

const MAX_GATE_PASSES = 64;

/** The current round's records of every pool that declares one, by pool then server. */
export async function loadRecords(
  desired: DesiredState,
  store: RolloutRecords,
): Promise<Result<Map<string, Map<string, RolloutRecord>>, string>> {
  const records = new Map<string, Map<string, RolloutRecord>>();
  for (const pool of desired.pools) {
    if (!pool.maintenance || pool.suspend) continue;
    const loaded = await store.load(pool.name, pool.maintenance.id);
    if (loaded.isErr()) return err(loaded.error);
    records.set(pool.name, loaded.value);
  }
  return ok(records);
}

/** Plans with maintenance and does what the rounds decide, except the service steps (runPlan does those). */
export async function maintenanceRound(
  desired: DesiredState,
  observed: Observations,
  context: RoundContext,
): Promise<{ planned: MaintenancePlan; failure: string | null }> {
  const { runtime, now } = context;
  const loaded = await loadRecords(desired, runtime.records);
  if (loaded.isErr()) {
    const planned = planWithMaintenance(desired, observed, now(), context.revision);
    return { planned, failure: loaded.error };
  }
  const records = loaded.value;
  // Busy or blocked answers stand for a while; then the gate is asked again.
  for (const verdicts of runtime.gates.values())
    for (const [server, verdict] of verdicts)
      if (verdict.state !== 'go' && now() - verdict.at >= runtime.gateRecheckMs)
        verdicts.delete(server);
  let planned = plan();
  for (let pass = 0; pass < MAX_GATE_PASSES; pass++) {
    const asks = planned.rollouts.flatMap((r) =>
      r.actions
        .filter((a) => a.kind === 'check-gates')
        .map((a) => ({ pool: r.pool, server: a.server })),
    );
    if (asks.length === 0) break;
    for (const ask of asks) {
      const pool = desired.pools.find((p) => p.name === ask.pool) as PoolSpec;
      const verdict = await checkGates(pool, ask.server, {
        ...runtime.gate,
        revision: context.revision?.id ?? null,
        now,
      });
      const verdicts = runtime.gates.get(ask.pool) ?? new Map<string, GateVerdict>();
      runtime.gates.set(ask.pool, verdicts);
      verdicts.set(ask.server, verdict);
    }
    planned = plan();
  }
  for (const rollout of planned.rollouts) {
    const pool = desired.pools.find((p) => p.name === rollout.pool) as PoolSpec;
    const poolRecords = records.get(pool.name) ?? new Map();
    for (const action of rollout.actions) {
      const failure = await act(pool, action, poolRecords, context);
      if (failure !== null) return { planned, failure };
    }
  }
  return { planned, failure: null };

  function plan() {
    return planWithMaintenance(desired, observed, now(), context.revision, {
      records,
      gates: runtime.gates,
      liveHooks: runtime.hooks.live,
    });
  }
}
