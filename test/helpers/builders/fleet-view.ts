// Builds FleetViews for surface tests without running a reconcile.
import type { FleetView, PoolView } from '../../../reconciler/report/fleet-view.ts';

type Row = PoolView['servers'][number]['services'][number];

/** A service row; `health` decides desired (Active → active, else draining). */
export const row = (name: string, health: Row['health'], sessions: number | null): Row => ({
  name,
  desired: health === 'Active' || health === 'Degraded' ? 'active' : 'draining',
  status: health === 'Active' ? 'Running' : 'Paused',
  startType: health === 'Active' ? 'Automatic' : 'Manual',
  sessions,
  since: null,
  sync: 'Synced',
  health,
});

/** A pool of servers (name → service rows). */
export function poolView(
  name: string,
  servers: Record<string, Row[]>,
  extra: Partial<PoolView> = {},
): PoolView {
  return {
    name,
    suspended: false,
    servers: Object.entries(servers).map(([server, services]) => ({
      name: server,
      mode: services.some((s) => s.desired === 'draining') ? 'draining' : 'active',
      reason: null,
      reachable: true,
      error: null,
      services,
    })),
    blocked: [],
    errors: [],
    waiting: [],
    changes: 0,
    rollout: null,
    windows: null,
    recorded: null,
    ...extra,
  };
}

/** A view of `pools` after a successful round. */
export function viewOf(pools: PoolView[], extra: Partial<FleetView> = {}): FleetView {
  const at = '2026-11-28T13:00:00.000Z';
  return {
    formatVersion: 1,
    at,
    source: 'desired-state',
    mode: 'apply',
    conditions: [
      {
        type: 'Ready',
        status: false,
        reason: 'Progressing',
        message: '12 sessions still draining',
      },
    ],
    lastAppliedRevision: {
      id: 'main@sha1:abc',
      author: 'Ann <ann@example.com>',
      subject: 'Drain fe02',
      at,
    },
    lastAttemptedRevision: {
      id: 'main@sha1:abc',
      author: 'Ann <ann@example.com>',
      subject: 'Drain fe02',
      at,
      errors: [],
    },
    lastReconcile: { at, durationMs: 42, executed: 0 },
    pools,
    notifications: [],
    ...extra,
  };
}

/** One server of a maintenance round's view, in `phase` (its text defaults to the phase). */
export const roundServer = (name: string, phase: string, text = phase) => ({
  name,
  phase,
  text,
  since: null,
  until: null,
  mode: null,
});
