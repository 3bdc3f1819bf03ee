// The fleet as the status page, /api/status, /metrics and notifications see it after a round. Pure.

import type { NotificationFormat } from '../model.ts';
import type { Plan, WindowView } from '../plan/index.ts';
import type { Condition, PoolStatus, WatchStatus } from '../status/types.ts';
import { type RoundJson, roundJson } from './phase-text.ts';

/** One pool: its servers and services, what policy blocked and what failed in it, its round and windows. */
export interface PoolView extends PoolStatus {
  blocked: { server: string; rule: string; message: string }[];
  errors: { server: string; service: string | null; kind: string; message: string }[];
  waiting: { server: string; service: string; message: string }[];
  changes: number;
  /** The pool's maintenance round (spec.maintenance), or null. */
  rollout: RoundJson | null;
  /** The pool's maintenance windows (spec.windows), or null when it declares none. */
  windows: WindowView | null;
  /** Who recorded this pool in the state store and when (`serve`); null when the view is this process's own. */
  recorded: { at: string; by: string } | null;
}

/** How one notification's deliveries are going (never its URL). */
export interface NotificationHealth {
  name: string;
  format: NotificationFormat;
  sent: number;
  failures: number;
  lastError: string | null;
}

/** Everything the surfaces show; `/api/status` serves it as JSON. */
export interface FleetView {
  formatVersion: 1;
  /** ISO time this view was made. */
  at: string;
  source: string;
  mode: 'apply' | 'monitor';
  conditions: Condition[];
  lastAppliedRevision: WatchStatus['lastAppliedRevision'];
  lastAttemptedRevision: WatchStatus['lastAttemptedRevision'];
  lastReconcile: WatchStatus['lastReconcile'];
  pools: PoolView[];
  notifications: NotificationHealth[];
}

/** What one round leaves behind: its plan and fleet status (null while no valid revision was ever read). */
export interface ReconcileSnapshot {
  status: WatchStatus;
  round: { plan: Plan; pools: PoolStatus[] } | null;
}

/** The pool's maintenance round in words, or null when it has none. */
function roundOf(plan: Plan, pool: string): RoundJson | null {
  const view = plan.rollouts?.find((r) => r.pool === pool);
  return view === undefined ? null : roundJson(view);
}

/** The view of a round, made at `now`. */
export function fleetView(
  { status, round }: ReconcileSnapshot,
  now: number,
  notifications: NotificationHealth[] = [],
): FleetView {
  const pools: PoolView[] =
    round === null
      ? []
      : round.pools.map((pool) => {
          const mine = <T extends { pool: string }>(items: T[]) =>
            items.filter((item) => item.pool === pool.name);
          return {
            ...pool,
            blocked: mine(round.plan.blocked).map(({ server, rule, message }) => ({
              server,
              rule,
              message,
            })),
            errors: mine(round.plan.errors).map(({ server, service, kind, message }) => ({
              server,
              service,
              kind,
              message,
            })),
            waiting: mine(round.plan.waiting).map(({ server, service, message }) => ({
              server,
              service,
              message,
            })),
            changes: mine(round.plan.changes).length,
            rollout: roundOf(round.plan, pool.name),
            windows: round.plan.windows?.find((w) => w.pool === pool.name) ?? null,
            recorded: null,
          };
        });
  return {
    formatVersion: 1,
    at: new Date(now).toISOString(),
    source: status.source,
    mode: status.mode,
    conditions: status.conditions,
    lastAppliedRevision: status.lastAppliedRevision,
    lastAttemptedRevision: status.lastAttemptedRevision,
    lastReconcile: status.lastReconcile,
    pools,
    notifications,
  };
}
