// The heart of maintenance nights: a pure function of (pool, observations, records, window, gates, now)
// → each server's phase and the next actions the budget allows. Level-triggered: kill quiesce anywhere,
// and the next run derives the same phases from what it observes and what the store remembers.
import type { Mode, PoolSpec, ServerObservation } from '../../model.ts';
import { pauseRefused } from '../method-steps.ts';
import { budgetLimit } from '../policy/budget-limit.ts';
import { isUnavailable } from './observed.ts';
import type { GateVerdict, Round, RoundAction, RoundRecord, ServerPhase } from './round-types.ts';
import { serverProgress } from './server-progress.ts';
import type { WindowVerdict } from './windows.ts';

/** What the derivation reads; `records` by server (records of another round id are ignored). */
export interface RoundInput {
  pool: PoolSpec;
  observed: ReadonlyMap<string, ServerObservation> | undefined;
  records: ReadonlyMap<string, RoundRecord>;
  window: WindowVerdict;
  /** The gates' latest answer per server about to drain. */
  gates: ReadonlyMap<string, GateVerdict>;
  /** Servers whose hook this process is running now; any other started hook without an end is run again. */
  liveHooks: ReadonlySet<string>;
  now: number;
}

/** Derives the round of `pool.maintenance` (which must be set). */
export function deriveRound(input: RoundInput): Round {
  const { pool, now } = input;
  const round = pool.maintenance;
  if (!round) throw new Error(`pool ${pool.name} has no maintenance`);
  const limit = budgetLimit(pool.budget, pool.servers.length);
  const inRound = new Set(round.servers);
  const phases = new Map<string, ServerPhase>();
  const actions: RoundAction[] = [];
  const hooksToStart: string[] = [];
  const modes = new Map<string, Mode>();
  const candidates: number[] = [];
  let stoppedBy: string | null = null;
  let lastDone: number | null = null;
  let total = 0;
  let done = 0;

  // Out of rotation now: observed so, declared draining (those take the budget first), or out for the round.
  const out = pool.servers.map(
    (server) => server.mode === 'draining' || isUnavailable(pool, input.observed?.get(server.name)),
  );
  pool.servers.forEach((server, index) => {
    if (!inRound.has(server.name)) return;
    const name = server.name;
    if (server.mode === 'draining') {
      phases.set(name, { phase: 'skipped', message: 'declared draining: not part of the rollout' });
      return;
    }
    total++;
    const found = input.records.get(name);
    const record = found?.id === round.id ? found : undefined;
    const progress = serverProgress(
      pool,
      record,
      input.observed?.get(name),
      input.liveHooks.has(name),
      now,
    );
    if (progress.kind === 'candidate') {
      candidates.push(index);
      return;
    }
    const { phase } = progress;
    phases.set(name, phase);
    if (progress.mode !== null) modes.set(name, progress.mode);
    if (progress.out) out[index] = true;
    if (phase.phase === 'done') {
      done++;
      lastDone = Math.max(lastDone ?? phase.at, phase.at);
    }
    if (progress.back) {
      actions.push({ kind: 'record-done', server: name });
      // Back now: it is done as of now, and the pool settles from here.
      lastDone = Math.max(lastDone ?? now, now);
    }
    if (progress.failed) stoppedBy ??= name;
    if (progress.rerun) actions.push({ kind: 'run-hook', server: name, rerun: true });
    if (progress.hookDue) hooksToStart.push(name);
  });

  // A failed hook stops the round: no new hook, no new drain (returns and running hooks go on).
  if (stoppedBy === null)
    for (const server of hooksToStart) actions.push({ kind: 'run-hook', server, rerun: false });

  let unavailable = out.filter((down, i) => down && i < limit.scope).length;
  const settleUntil: number | null =
    lastDone !== null && round.settleMs > 0 ? (lastDone as number) + round.settleMs : null;
  let wakeAt: number | null = null;
  let waitingOn: { server: string; phase: ServerPhase } | null = null;
  // The candidate before this one in declaration order: each waiting server waits for that one.
  let previous: string | null = null;
  for (const index of candidates) {
    const server = pool.servers[index]!;
    const name = server.name;
    const before = previous;
    previous = name;
    if (waitingOn !== null) {
      phases.set(name, { phase: 'pending', message: `after ${before ?? waitingOn.server}` });
      continue;
    }
    const observed = input.observed?.get(name);
    const newly = !out[index] && index < limit.scope;
    const gate = input.gates.get(name);
    let phase: ServerPhase | null = null;
    if (stoppedBy !== null) {
      phase = { phase: 'pending', message: `round stopped: hook failed on ${stoppedBy}` };
    } else if (!input.window.allowed) {
      phase = { phase: 'waiting-window', message: input.window.text, opens: input.window.opens };
      wakeAt = input.window.opens;
    } else if (settleUntil !== null && now < settleUntil) {
      phase = { phase: 'pending', message: 'waiting for the pool to settle' };
      wakeAt = settleUntil;
    } else if (newly && unavailable + 1 > limit.limit) {
      phase = {
        phase: 'pending',
        message: `waiting for the budget: ${limit.describe} allows ${limit.limit} unavailable, ${unavailable} ${unavailable === 1 ? 'is' : 'are'}`,
      };
    } else if (observed === undefined || !observed.ok) {
      phase = {
        phase: 'pending',
        message: `cannot drain: ${observed?.ok === false ? observed.error.message : 'not observed'}`,
      };
    } else if (pauseRefused(pool, observed.services) !== null) {
      // Not a drain whose every step the plan would refuse (CannotPause): the round holds the server here.
      phase = {
        phase: 'pending',
        message: `cannot drain: ${pauseRefused(pool, observed.services)}`,
      };
    } else if (round.gates.length > 0 && gate?.state !== 'go') {
      if (gate === undefined) {
        actions.push({ kind: 'check-gates', server: name });
        phase = { phase: 'pending', message: 'checking gates' };
      } else {
        phase = { phase: 'blocked-gate', message: gate.message, waiting: gate.state === 'wait' };
      }
    }
    if (phase !== null) {
      phases.set(name, phase);
      waitingOn = { server: name, phase };
      continue;
    }
    actions.push({ kind: 'start-drain', server: name });
    modes.set(name, 'draining');
    if (newly) unavailable++;
    out[index] = true;
    phases.set(name, { phase: 'draining', since: null, drained: false });
  }

  // Done servers settle after their return, before the next drain.
  if (settleUntil !== null && now < settleUntil && done < total) {
    for (const [name, phase] of phases)
      if (phase.phase === 'done' && phase.at === lastDone)
        phases.set(name, { phase: 'settling', until: settleUntil });
  }
  const servers = round.servers.flatMap((name) => {
    const phase = phases.get(name);
    return phase === undefined ? [] : [{ name, phase }];
  });
  const state =
    total === done
      ? 'done'
      : stoppedBy !== null
        ? 'stopped'
        : actions.length > 0 || servers.some(({ phase }) => inFlight(phase))
          ? 'running'
          : 'waiting';
  return {
    pool: pool.name,
    id: round.id,
    state,
    done,
    total,
    stoppedBy,
    waitingOn,
    servers,
    actions,
    modes,
    unavailable,
    limit: limit.limit,
    wakeAt,
  };
}

/** Whether the server is out for the round and moving by itself. */
const inFlight = (phase: ServerPhase) =>
  phase.phase === 'draining' || phase.phase === 'hook-running' || phase.phase === 'returning';
