// The live state behind the HTTP surfaces: the last view, session history, metrics and the page's subscribers.
import {
  type FleetView,
  fleetView,
  type NotificationHealth,
  type RoundResult,
} from '../report/fleet-view.ts';
import type { Metrics } from '../report/metrics.ts';
import { type PageUpdate, pageUpdate } from '../report/page/document.ts';
import { SessionHistory } from '../report/session-history.ts';

/** Why /readyz says no, or null when ready. */
export function notReadyReason(view: FleetView | null): string | null {
  if (view === null || view.lastReconcile === null) return 'no round yet';
  const ready = view.conditions.find((c) => c.type === 'Ready');
  if (ready?.reason === 'SourceUnavailable') return 'the source is unreachable';
  if (view.lastAppliedRevision === null) return 'no valid revision yet';
  return null;
}

/** Holds what the server serves; `publish` after every round (watch) or every poll (serve). */
export class Surface {
  readonly history = new SessionHistory();
  view: FleetView | null = null;
  update: PageUpdate | null = null;
  #seq = 0;
  #body = '';
  readonly #subscribers = new Set<(update: PageUpdate) => void>();

  constructor(
    readonly metrics: Metrics,
    readonly now: () => number = Date.now,
  ) {}

  /** Takes in a round: view, history, metrics; subscribers hear of it when the page changed. */
  publish(result: RoundResult, notifications: NotificationHealth[] = []): void {
    const now = this.now();
    const view = fleetView(result, now, notifications);
    this.publishView(view, result.status.lastReconcile?.durationMs ?? null);
  }

  /** Takes in a ready-made view (`serve` reads it from the state dir). */
  publishView(view: FleetView, durationMs: number | null): void {
    const now = this.now();
    const fresh = view.lastReconcile?.at !== this.view?.lastReconcile?.at;
    this.view = view;
    const sessions = new Map<string, number>();
    for (const pool of view.pools)
      for (const server of pool.servers)
        sessions.set(
          `${pool.name}/${server.name}`,
          server.services.reduce((n, s) => n + (s.sessions ?? 0), 0),
        );
    this.history.record(now, sessions);
    this.metrics.observeRound(view, fresh && durationMs !== null ? durationMs / 1000 : null);
    const update = pageUpdate(view, this.history, now, this.#seq + 1);
    const body = JSON.stringify(update.body) + update.title;
    if (body === this.#body && this.update !== null) return;
    this.#seq += 1;
    this.#body = body;
    this.update = update;
    for (const subscriber of this.#subscribers) subscriber(update);
  }

  /** Calls `listener` on every page change; returns the unsubscribe. */
  subscribe(listener: (update: PageUpdate) => void): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }
}
