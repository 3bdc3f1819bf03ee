// The live state behind the HTTP surfaces: the last view, session history, metrics and the page's subscribers.
import {
  type FleetView,
  fleetView,
  type NotificationHealth,
  type ReconcileSnapshot,
} from '../report/fleet-view.ts';
import type { Metrics } from '../report/metrics.ts';
import { deltaTree } from '../report/page/delta.ts';
import { cardsJson, type PageUpdate, pageHtml, pageUpdate } from '../report/page/document.ts';
import { SessionHistory } from '../report/session-history.ts';

/** Why /readyz says no, or null when ready. */
export function notReadyReason(view: FleetView | null): string | null {
  if (view === null || view.lastReconcile === null) return 'no round yet';
  const ready = view.conditions.find((c) => c.type === 'Ready');
  if (ready?.reason === 'SourceUnavailable') return 'the source is unreachable';
  // NoRevision: no valid revision was ever read (monitor mode never sets lastAppliedRevision).
  if (ready?.reason === 'NoRevision') return 'no valid revision yet';
  // An invalid revision with none valid before it: nothing is in force (no pool was planned).
  if (ready?.reason === 'ValidationFailed' && view.pools.length === 0)
    return 'no valid revision yet';
  return null;
}

/** Holds what the server serves; `publish` after every round (watch) or every poll (serve). */
export class Surface {
  readonly history = new SessionHistory();
  view: FleetView | null = null;
  #seq = 0;
  #body = '';
  #dirty = false;
  /** JSON of each keyed subtree (server card) of the last update, for deltas. */
  #keyed = new Map<string, string>();
  /** The whole last update as JSON, for a new /events subscriber (built when first asked for). */
  #json: string | null = null;
  /** /api/status's body and the page's HTML for the current view and update (built when first asked for). */
  #statusJson: string | null = null;
  #html: string | null = null;
  readonly #subscribers = new Set<(json: string) => void>();

  constructor(
    readonly metrics: Metrics,
    readonly now: () => number = Date.now,
  ) {}

  /** Takes in a round: view, history, metrics; subscribers hear of it when the page changed. */
  publish(result: ReconcileSnapshot, notifications: NotificationHealth[] = []): void {
    const now = this.now();
    const view = fleetView(result, now, notifications);
    this.publishView(view, result.status.lastReconcile?.durationMs ?? null);
  }

  /** Takes in a ready-made view (`serve` reads it from the state dir). */
  publishView(view: FleetView, durationMs: number | null): void {
    const now = this.now();
    const fresh = view.lastReconcile?.at !== this.view?.lastReconcile?.at;
    this.view = view;
    this.#statusJson = null;
    const sessions = new Map<string, number>();
    for (const pool of view.pools)
      for (const server of pool.servers)
        sessions.set(
          `${pool.name}/${server.name}`,
          server.services.reduce((n, s) => n + (s.sessions ?? 0), 0),
        );
    this.history.record(now, sessions);
    this.metrics.observeRound(view, fresh && durationMs !== null ? durationMs / 1000 : null);
    this.#dirty = true;
    // The page is built only when someone looks: a watcher nobody watches pays nothing per round.
    if (this.#subscribers.size > 0) void this.#built();
  }

  /** The current page's number and whole JSON (null before the first view); subscribers hear of a change. */
  page(): { seq: number; json: string } | null {
    const built = this.#built();
    if (built === null) return null;
    if (this.#json === null) {
      const update = built.update ?? this.#current();
      this.#json = `{"seq":${update.seq},"title":${JSON.stringify(update.title)},"body":${JSON.stringify(update.body)}}`;
    }
    return { seq: this.#seq, json: this.#json };
  }

  /**
   * Builds the page if the view changed since, and sends subscribers the delta; the tree when it was built
   * now, null before the first view. Only strings are kept (the delta's keyed JSON, the skeleton): at 10,000
   * servers a page tree is ~90 MB of objects, so the whole page and its HTML are laid out again from the
   * view when first asked for after that.
   */
  #built(): { update: PageUpdate | null } | null {
    const view = this.view;
    if (view === null) return null;
    if (!this.#dirty && this.#seq > 0) return { update: null };
    this.#dirty = false;
    const update = pageUpdate(view, this.history, this.#seq + 1);
    const delta = deltaTree(update.body, this.#keyed);
    const title = JSON.stringify(update.title);
    if (this.#seq > 0 && delta.changed === 0 && `${title}${delta.skeleton}` === this.#body)
      return { update: { ...update, seq: this.#seq } }; // the same page as before, under its number
    this.#seq += 1;
    this.#body = `${title}${delta.skeleton}`;
    this.#keyed = delta.keyed;
    this.#json = null;
    this.#html = null;
    const json = `{"seq":${update.seq},"base":${update.seq - 1},"title":${title},"body":${JSON.stringify(delta.tree)}}`;
    for (const subscriber of this.#subscribers) subscriber(json);
    return { update };
  }

  /** The current page laid out again (the view and history it was built from are unchanged until the next publish). */
  #current(): PageUpdate {
    return pageUpdate(this.view as FleetView, this.history, this.#seq);
  }

  /** /api/status's body: the view as JSON, built once per view however often it is asked for. */
  statusJson(): string {
    this.#statusJson ??= `${JSON.stringify(this.view)}\n`;
    return this.#statusJson;
  }

  /** The page's HTML for the current update, built once per update; null before the first view. */
  html(): string | null {
    const built = this.#built();
    if (built === null) return null;
    this.#html ??= pageHtml(built.update ?? this.#current());
    return this.#html;
  }

  /** A collapsed pool's server cards for the page that opens it (built when asked: 20 cards, not 10,000); null if none. */
  cards(pool: string): string | null {
    return this.view === null ? null : cardsJson(this.view, this.history, pool);
  }

  /** Calls `listener` with each change as JSON (a delta on the previous update); returns the unsubscribe. */
  subscribe(listener: (json: string) => void): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }
}
