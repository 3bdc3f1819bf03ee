// What a pool's maintenance adds to its plan: its windows and round as data, the holds on the round's next
// drain (plan/policy/ ROUND_HOLDS), and the round's failed hooks.
import type { PoolSpec, ServerSpec } from '../../model.ts';
import type { Blocked, PlanError, RoundView, WindowView } from '../plan-types.ts';
import { firstBlock } from '../policy/ask.ts';
import { ROUND_HOLDS } from '../policy/index.ts';
import type { DrainProposal } from '../policy/rule.ts';
import { hookFailures, type RetryHint } from './hook-failures.ts';
import type { Round } from './round-types.ts';
import { roundView } from './round-view.ts';
import type { WindowVerdict } from './windows.ts';

/** What the planner knows of a pool's maintenance besides its spec: its windows now, and its round if any. */
export interface PoolMaintenance {
  window: WindowVerdict;
  round?: Round;
  /** How a failed hook's retry command is printed (hook-failures.ts). */
  retryHint?: RetryHint;
}

/** The pool's part of the plan's windows, rounds, blocked changes and errors. */
export interface MaintenanceItems {
  /** Null when the pool declares no windows. */
  window: WindowView | null;
  /** Null when the pool has no round. */
  round: RoundView | null;
  blocked: Blocked[];
  errors: PlanError[];
}

/** The items of `pool`'s maintenance at `now`; `propose` makes a server's drain as the rules see it. */
export function maintenanceItems(
  pool: PoolSpec,
  { window, round, retryHint }: PoolMaintenance,
  now: number,
  propose: (server: ServerSpec, index: number) => DrainProposal,
): MaintenanceItems {
  const items: MaintenanceItems = { window: null, round: null, blocked: [], errors: [] };
  if ((pool.windows ?? []).length > 0)
    items.window = {
      pool: pool.name,
      open: window.allowed,
      changeAt: window.allowed ? window.until : window.opens,
      zone: window.zone,
      text: window.text,
    };
  if (round === undefined) return items;
  for (const { name } of round.servers) {
    const index = pool.servers.findIndex((s) => s.name === name);
    const server = pool.servers[index];
    if (server === undefined) continue;
    const held = firstBlock(ROUND_HOLDS, propose(server, index));
    if (held !== null) items.blocked.push(held);
  }
  items.errors = hookFailures(round, retryHint);
  const zone = window.zone ?? pool.windows?.[0]?.timezone ?? 'UTC';
  items.round = roundView(round, window.text, now, zone);
  return items;
}
