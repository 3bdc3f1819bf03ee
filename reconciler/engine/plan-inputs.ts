// The one place plan inputs are assembled: desired state, observations, round records, gate verdicts, now.
import { err, ok, type Result } from 'neverthrow';
import { checkGates, stoppedRounds } from '../apply/gates.ts';
import { withReportedDomains } from '../apply/reported-domains.ts';
import type { RoundPlanner, RoundRuntime } from '../apply/round-context.ts';
import type { RoundRecords } from '../apply/round-records.ts';
import type { StateError } from '../errors.ts';
import type { DesiredState, Observations, PoolSpec, Revision } from '../model.ts';
import { planWithMaintenance } from '../plan/maintenance/maintenance-plan.ts';
import type { GateVerdict, RoundRecord } from '../plan/maintenance/round-types.ts';

/** What a round is planned from besides its observations. */
export interface PlanBasis {
  desired: DesiredState;
  revision: Revision | null;
  now: () => number;
  /** Where records live, and what lives across rounds: gate answers, live hooks, how to ask a gate. */
  runtime: Pick<
    RoundRuntime,
    'records' | 'gates' | 'hooks' | 'gate' | 'gateRecheckMs' | 'retryHint'
  >;
}

/** How many times gates may be asked in one round before it is planned with what they said. */
const MAX_GATE_PASSES = 64;

/** The current round's records of every pool that declares one, by pool then server. */
export async function loadRecords(
  desired: DesiredState,
  store: RoundRecords,
): Promise<Result<Map<string, Map<string, RoundRecord>>, StateError>> {
  const records = new Map<string, Map<string, RoundRecord>>();
  for (const pool of desired.pools) {
    if (!pool.maintenance || pool.suspend) continue;
    const loaded = await store.load(pool.name, pool.maintenance.id);
    if (loaded.isErr()) return err(loaded.error);
    records.set(pool.name, loaded.value);
  }
  return ok(records);
}

/** Forgets Busy or blocked gate answers older than the re-check interval (the gate is asked again). */
function expireVerdicts(basis: PlanBasis): void {
  const { gates, gateRecheckMs } = basis.runtime;
  for (const verdicts of gates.values())
    for (const [server, verdict] of verdicts)
      if (verdict.state !== 'go' && basis.now() - verdict.at >= gateRecheckMs)
        verdicts.delete(server);
}

/**
 * The planner of every surface: records read once (a record that cannot be read is the round's StateError), and
 * with `ask`, gate verdicts observed as the plan asks for them (each gate asked once a round, then planned again).
 */
export function roundPlanner(basis: PlanBasis): RoundPlanner {
  const { desired, revision, now, runtime } = basis;
  return async (observed: Observations, ask: boolean) => {
    const loaded = await loadRecords(desired, runtime.records);
    if (loaded.isErr()) return err(loaded.error);
    const records = loaded.value;
    // Upgrade domains the readiness gate reported stand in for those the YAML leaves out (only rounds ask it).
    const rounds = desired.pools.some((p) => p.maintenance && !p.suspend);
    const plan = (gates = runtime.gates) =>
      planWithMaintenance(
        rounds ? withReportedDomains(desired, runtime.gate.reported ?? new Map()) : desired,
        observed,
        now(),
        revision,
        {
          records,
          gates,
          liveHooks: runtime.hooks.live,
          ...(runtime.retryHint === undefined ? {} : { retryHint: runtime.retryHint }),
        },
      );
    if (ask) expireVerdicts(basis);
    let planned = plan();
    for (let pass = 0; ask && pass < MAX_GATE_PASSES; pass++) {
      const asks = planned.rollouts.flatMap((r) =>
        r.actions
          .filter((a) => a.kind === 'check-gates')
          .map((a) => ({ pool: r.pool, server: a.server })),
      );
      if (asks.length === 0) break;
      for (const { pool, server } of asks) {
        const spec = desired.pools.find((p) => p.name === pool) as PoolSpec;
        const verdict = await checkGates(spec, server, {
          ...runtime.gate,
          revision: revision?.id ?? null,
          now,
        });
        const verdicts = runtime.gates.get(pool) ?? new Map<string, GateVerdict>();
        runtime.gates.set(pool, verdicts);
        verdicts.set(server, verdict);
      }
      planned = plan();
    }
    // Read only: nothing is asked, but a round its gate stopped (kept in the store) shows as stopped.
    if (!ask && rounds) {
      const stopped = await stoppedRounds(planned.rollouts, desired, runtime.gate, now);
      if (stopped.size > 0) planned = plan(new Map([...runtime.gates, ...stopped]));
    }
    return ok({ planned, records });
  };
}
