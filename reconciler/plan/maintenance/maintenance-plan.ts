// Plans with maintenance: rounds decide who is out, windows hold back the start of plain drains. Pure.
import type {
  DesiredState,
  Mode,
  Observations,
  PoolSpec,
  Revision,
  ServerSpec,
} from '../../model.ts';
import { buildPlan } from '../plan.ts';
import type { Blocked, Plan, RolloutView } from '../plan-types.ts';
import { isUnavailable } from './observed.ts';
import { rolloutView } from './phase-text.ts';
import { deriveRollout } from './rollout.ts';
import type { GateVerdict, Rollout, RolloutRecord } from './rollout-types.ts';
import { evaluateWindows, type WindowVerdict } from './windows.ts';

/** What the rounds remember and know besides observations (the applier fills it in; plan passes what the store has). */
export interface MaintenanceInputs {
  /** Rollout records by pool, then server. */
  records: ReadonlyMap<string, ReadonlyMap<string, RolloutRecord>>;
  /** Gate verdicts by pool, then server. */
  gates: ReadonlyMap<string, ReadonlyMap<string, GateVerdict>>;
  /** `pool/server` of hooks this process is running. */
  liveHooks: ReadonlySet<string>;
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
  rollouts: Rollout[];
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
      name: server.name,
      mode,
      reason: `maintenance ${id}`,
      services: server.services.map((s) => ({ name: s.name, mode })),
    };
  });
  return { ...pool, servers };
}

const earliest = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** buildPlan, with the pools' rounds and windows applied. */
export function planWithMaintenance(
  desired: DesiredState,
  observed: Observations,
  now: number,
  revision: Revision | null,
  inputs: MaintenanceInputs = NO_MAINTENANCE,
): MaintenancePlan {
  const windows = new Map<string, WindowVerdict>();
  const rollouts: Rollout[] = [];
  const views: RolloutView[] = [];
  let wakeAt: number | null = null;
  const pools = desired.pools.map((pool) => {
    const window = evaluateWindows(pool.windows ?? [], now);
    windows.set(pool.name, window);
    if (pool.suspend || !pool.maintenance) return pool;
    const rollout = deriveRollout({
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
    const zone = window.zone ?? pool.windows?.[0]?.timezone ?? 'UTC';
    views.push(rolloutView(rollout, window.text, now, zone));
    wakeAt = earliest(wakeAt, rollout.wakeAt);
    return withModes(pool, rollout.modes, pool.maintenance.id);
  });
  const plan = buildPlan({ ...desired, pools }, observed, now, revision);
  const held = holdDrains(plan, pools, observed, windows, rollouts);
  for (const pool of held) {
    const window = windows.get(pool);
    if (window?.allowed === false) wakeAt = earliest(wakeAt, window.opens);
  }
  if (views.length > 0) plan.rollouts = views;
  roundProblems(plan, rollouts);
  const unfinished = rollouts.some((r) => r.state !== 'done');
  if (unfinished) plan.summary.converged = false;
  return { plan, rollouts, windows, wakeAt };
}

/**
 * The windows rule: a drain that would start while the pool's window is closed waits (blocked, rule
 * maintenance-window). A drain already begun goes on, and returns are never held back. Returns the pools held.
 */
function holdDrains(
  plan: Plan,
  pools: readonly PoolSpec[],
  observed: Observations,
  windows: ReadonlyMap<string, WindowVerdict>,
  rollouts: readonly Rollout[],
): Set<string> {
  const held = new Set<string>();
  const starting = new Set<string>();
  for (const change of plan.changes) {
    if (change.action !== 'pause') continue;
    const window = windows.get(change.pool);
    if (window === undefined || window.allowed) continue;
    // A round's own drains passed the window when they started: never hold those back.
    const rollout = rollouts.find((r) => r.pool === change.pool);
    if (rollout?.modes.get(change.server) === 'draining') continue;
    const pool = pools.find((p) => p.name === change.pool);
    if (pool === undefined || isUnavailable(pool, observed.get(pool.name)?.get(change.server)))
      continue;
    starting.add(`${change.pool}/${change.server}`);
  }
  if (starting.size === 0) return held;
  const blocked: Blocked[] = [];
  plan.changes = plan.changes.filter((change) => {
    const key = `${change.pool}/${change.server}`;
    if (!starting.has(key)) return true;
    if (!blocked.some((b) => b.pool === change.pool && b.server === change.server)) {
      const window = windows.get(change.pool) as WindowVerdict;
      held.add(change.pool);
      blocked.push({
        pool: change.pool,
        server: change.server,
        rule: 'maintenance-window',
        message: `draining ${change.server} waits for a maintenance window: ${window.text}`,
      });
    }
    return false;
  });
  plan.blocked.push(...blocked);
  plan.summary.changes = plan.changes.length;
  plan.summary.blocked = plan.blocked.length;
  plan.summary.converged = false;
  return held;
}

/**
 * A round that waits for a window or is blocked by a gate is a blocked change (exit 3); a failed hook is an
 * error (exit 1) that says how to retry.
 */
function roundProblems(plan: Plan, rollouts: readonly Rollout[]): void {
  for (const rollout of rollouts) {
    for (const { name, phase } of rollout.servers) {
      const base = { pool: rollout.pool, server: name };
      if (phase.phase === 'waiting-window')
        plan.blocked.push({
          ...base,
          rule: 'maintenance-window',
          message: `round ${rollout.id}: draining ${name} waits for a maintenance window: ${phase.message}`,
        });
      else if (phase.phase === 'blocked-gate' && !phase.message.includes(': Busy'))
        plan.blocked.push({
          ...base,
          rule: 'maintenance-gate',
          message: `round ${rollout.id}: draining ${name} is blocked by a gate: ${phase.message}`,
        });
      else if (phase.phase === 'stalled' && phase.reason === 'hook-failed') {
        const last = phase.hook?.tail.at(-1);
        plan.errors.push({
          ...base,
          service: null,
          kind: 'HookFailed',
          message: `round ${rollout.id}: ${phase.message}${last === undefined ? '' : ` (last output: ${last})`}; ${name} stays drained and the round is stopped. Fix the cause, then run quiesce apply --retry-hook ${rollout.pool} ${name}`,
        });
      }
    }
  }
  plan.summary.blocked = plan.blocked.length;
  plan.summary.errors = plan.errors.length;
}
