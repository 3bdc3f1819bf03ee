// Prometheus metrics (prom-client, on a registry of its own; per-service series as text): from each round's FleetView, counted per step.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FleetView } from './fleet-view.ts';
import { serviceSeriesText } from './metrics-services.ts';

/** The metrics of one watcher or server. */
export interface Metrics {
  /** prom-client's registry: every metric but the per-service ones (text of their own, see `scrape`). */
  registry: Registry;
  /** Records the round's duration; the per-service and per-pool series follow this round's view from the next scrape. */
  observeRound(view: FleetView, durationSeconds: number | null): void;
  /** Counts one executed step. */
  countStep(step: { pool: string; action: string; outcome: string }): void;
  /** Counts one failed notification delivery. */
  countNotificationFailure(notification: string, format: string): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ text: string; contentType: string }>;
}

/** Fresh metrics; series appear after the first round. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const duration = new Histogram({
    name: 'quiesce_reconcile_duration_seconds',
    help: 'Duration of reconcile rounds (observe, plan, apply) that covered the pool.',
    labelNames: ['pool'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers,
  });
  const steps = new Counter({
    name: 'quiesce_steps_total',
    help: 'Steps executed, by action and outcome (ok, error).',
    labelNames: ['pool', 'action', 'outcome'],
    registers,
  });
  const blocked = new Gauge({
    name: 'quiesce_blocked',
    help: 'Servers whose changes policy blocks in the last round, by rule.',
    labelNames: ['pool', 'rule'],
    registers,
  });
  const lastApplied = new Gauge({
    name: 'quiesce_last_applied_timestamp_seconds',
    help: 'When the last valid revision was applied (Unix time).',
    registers,
  });
  const ready = new Gauge({
    name: 'quiesce_ready',
    help: '1 when the last round left the fleet Ready, else 0 (the reason is on the status page and /api/status).',
    registers,
  });
  const failures = new Counter({
    name: 'quiesce_notification_delivery_failures_total',
    help: 'Notification deliveries that failed after every retry, or were dropped from a full queue.',
    labelNames: ['notification', 'format'],
    registers,
  });
  const roundInfo = new Gauge({
    name: 'quiesce_rollout_info',
    help: "Always 1: one series per pool's maintenance round, with its id and state (running, waiting, stopped, done).",
    labelNames: ['pool', 'id', 'state'],
    registers,
  });
  const roundServers = new Gauge({
    name: 'quiesce_rollout_servers',
    help: "Servers of a pool's maintenance round by phase (done, draining, hook-running, returning, settling, waiting-window, blocked-gate, stalled, pending, skipped).",
    labelNames: ['pool', 'phase'],
    registers,
  });
  const windowOpen = new Gauge({
    name: 'quiesce_window_open',
    help: "1 when the pool's maintenance windows let a drain start now, else 0 (pools with spec.windows only).",
    labelNames: ['pool'],
    registers,
  });
  const windowChange = new Gauge({
    name: 'quiesce_window_change_timestamp_seconds',
    help: "When the pool's window next closes (while open) or opens (while closed), Unix time; absent when no change is in sight.",
    labelNames: ['pool'],
    registers,
  });
  let latest: FleetView | null = null;
  let services = serviceSeriesText(null);
  const setRound = ({ name: pool, rollout, windows }: FleetView['pools'][number]) => {
    if (rollout !== null) {
      roundInfo.set({ pool, id: rollout.id, state: rollout.state }, 1);
      const phases = new Map<string, number>();
      for (const s of rollout.servers) phases.set(s.phase, (phases.get(s.phase) ?? 0) + 1);
      for (const [phase, count] of phases) roundServers.set({ pool, phase }, count);
    }
    if (windows !== null) {
      windowOpen.set({ pool }, windows.open ? 1 : 0);
      if (windows.changeAt !== null) windowChange.set({ pool }, windows.changeAt / 1000);
    }
  };
  const setSeries = (view: FleetView) => {
    const perRound = [blocked, roundInfo, roundServers, windowOpen, windowChange];
    for (const gauge of perRound) gauge.reset();
    for (const pool of view.pools) {
      const rules = new Map<string, number>();
      for (const b of pool.blocked) rules.set(b.rule, (rules.get(b.rule) ?? 0) + 1);
      for (const [rule, count] of rules) blocked.set({ pool: pool.name, rule }, count);
      setRound(pool);
    }
    const applied = view.lastAppliedRevision?.at;
    if (applied !== undefined) lastApplied.set(Date.parse(applied) / 1000);
    ready.set(view.conditions.find((c) => c.type === 'Ready')?.status === true ? 1 : 0);
  };
  return {
    registry,
    observeRound(view, durationSeconds) {
      if (durationSeconds !== null)
        for (const pool of view.pools)
          if (!pool.suspended) duration.observe({ pool: pool.name }, durationSeconds);
      latest = view;
    },
    countStep: ({ pool, action, outcome }) => steps.inc({ pool, action, outcome }),
    countNotificationFailure: (notification, format) => failures.inc({ notification, format }),
    async scrape() {
      // Series are set at scrape time from the last round (rounds are frequent, scrapes are not); the
      // per-service ones (20,000 at 10,000 servers) are text, kept until the view changes.
      if (latest !== null) {
        setSeries(latest);
        services = serviceSeriesText(latest);
        latest = null;
      }
      return {
        text: `${await registry.metrics()}\n${services}`,
        contentType: registry.contentType,
      };
    },
  };
}
