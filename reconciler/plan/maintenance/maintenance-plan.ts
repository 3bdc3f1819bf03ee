// Plans with maintenance: rounds decide who is out; windows and gates are holds the planner asks. Pure.
import type {
  DesiredState,
  Mode,
  Observations,
  PoolSpec,
  Revision,
  ServerSpec,
} from '../../model.ts';
import { buildPlan } from '../plan.ts';
import type { Plan, RoundView } from '../plan-types.ts';
import type { RetryHint } from './hook-failures.ts';
import type { PoolMaintenance } from './pool-maintenance.ts';
import { deriveRound } from './round.ts';
import type { GateVerdict, Round, RoundRecord } from './round-types.ts';
import { evaluateWindows, type WindowVerdict } from './windows.ts';

/** What the rounds remember and know besides observations (the applier fills it in; plan passes what the store has). */
export interface MaintenanceInputs {
  /** Round records by pool, then server. */
  records: ReadonlyMap<string, ReadonlyMap<string, RoundRecord>>;
  /** Gate verdicts by pool, then server. */
  gates: ReadonlyMap<string, ReadonlyMap<string, GateVerdict>>;
  /** `pool/server` of hooks this process is running. */
  liveHooks: ReadonlySet<string>;
  /** How a failed hook's retry command is printed (absent: the bare command). */
  retryHint?: RetryHint;
}

/** No records, no gate answers, no hooks running. */
export const NO_MAINTENANCE: MaintenanceInputs = {
  records: new Map(),
  gates: new Map(),
  liveHooks: new Set(),
};

/** The plan, each round derived, each pool's window, and when time alone changes something. */
export interface MaintenancePlan {
  plan: Plan;
  rollouts: Round[];
  windows: Map<string, WindowVerdict>;
  wakeAt: number | null;
}

/** The pool with the round's modes applied to its servers (every unit follows the server). */
function withModes(pool: PoolSpec, modes: ReadonlyMap<string, Mode>, id: string): PoolSpec {
  if (modes.size === 0) return pool;
  const servers = pool.servers.map((server): ServerSpec => {
    const mode = modes.get(server.name);
    if (mode === undefined || mode === server.mode) return server;
    return {
      ...server,
      mode,
      reason: `maintenance ${id}`,
      services: server.services.map((s) => ({ name: s.name, mode })),
    };
  });
  return { ...pool, servers };
}

/** The desired state with the rounds' modes applied, as the plan sees it (status rows then show who is out). */
export function withRoundModes(
  desired: DesiredState,
  rollouts: readonly RoundView[] | undefined,
): DesiredState {
  if (rollouts === undefined || rollouts.length === 0) return desired;
  const pools = desired.pools.map((pool) => {
    const round = rollouts.find((r) => r.pool === pool.name);
    if (round === undefined) return pool;
    const modes = new Map(
      round.servers.flatMap((s) => (s.mode === null ? [] : [[s.name, s.mode]])),
    );
    return withModes(pool, modes, round.id);
  });
  return { ...desired, pools };
}

const earliest = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** buildPlan, with the pools' rounds derived and their windows evaluated: both are inputs of its rules. */
export function planWithMaintenance(
  desired: DesiredState,
  observed: Observations,
  now: number,
  revision: Revision | null,
  inputs: MaintenanceInputs = NO_MAINTENANCE,
): MaintenancePlan {
  const windows = new Map<string, WindowVerdict>();
  const rollouts: Round[] = [];
  const maintenance = new Map<string, PoolMaintenance>();
  let wakeAt: number | null = null;
  const pools = desired.pools.map((pool) => {
    const window = evaluateWindows(pool.windows ?? [], now);
    windows.set(pool.name, window);
    if (pool.suspend || !pool.maintenance) {
      maintenance.set(pool.name, { window });
      return pool;
    }
    const rollout = deriveRound({
      pool,
      observed: observed.get(pool.name),
      records: inputs.records.get(pool.name) ?? new Map(),
      window,
      gates: inputs.gates.get(pool.name) ?? new Map(),
      liveHooks: new Set(
        [...inputs.liveHooks].flatMap((key) =>
          key.startsWith(`${pool.name}/`) ? [key.slice(pool.name.length + 1)] : [],
        ),
      ),
      now,
    });
    rollouts.push(rollout);
    maintenance.set(pool.name, {
      window,
      round: rollout,
      ...(inputs.retryHint === undefined ? {} : { retryHint: inputs.retryHint }),
    });
    wakeAt = earliest(wakeAt, rollout.wakeAt);
    return withModes(pool, rollout.modes, pool.maintenance.id);
  });
  const plan = buildPlan({ ...desired, pools }, observed, now, revision, maintenance);
  // A pool whose drains wait for its window wakes a watcher when the window opens.
  for (const { pool, rule } of plan.blocked) {
    const window = windows.get(pool);
    if (rule === 'maintenance-window' && window?.allowed === false)
      wakeAt = earliest(wakeAt, window.opens);
  }
  return { plan, rollouts, windows, wakeAt };
}
