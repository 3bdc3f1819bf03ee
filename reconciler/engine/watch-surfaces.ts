// Watch's surfaces: the status page and metrics (with --listen), notifications, and each reconcile's pool
// views in the store (for `quiesce serve`), all fed from the loop's events.
import type { LoopEvent } from '../loop/index.ts';
import type { DesiredState } from '../model.ts';
import type { ReconcileSnapshot } from '../report/fleet-view.ts';
import { createMetrics } from '../report/metrics.ts';
import {
  type HttpSurface,
  type ListenAddress,
  poolViewWriter,
  Surface,
  startHttpSurface,
  type ViewStore,
} from '../serve/index.ts';
import type { NotifiedStore } from '../state/store.ts';
import { watchNotifications } from './notifications.ts';

/** Where to serve and with which token. */
export interface ListenConfig {
  address: ListenAddress;
  token: string | null;
}

/** What the surfaces need. */
export interface SurfacesContext {
  /** Where to serve (null: no page, no metrics endpoint). */
  listen: ListenConfig | null;
  store: NotifiedStore & Pick<ViewStore, 'putRecord'>;
  /** Where notification URLs are read. */
  env: Readonly<Record<string, string | undefined>>;
  source: string;
  /** Who records the pool views (`watch on host (pid 1)`). */
  by: string;
  /** One line for the operator; watch goes on. */
  warn: (line: string) => void;
  now: () => number;
}

/** What watch feeds after each event. */
export interface WatchSurfaces {
  /** The page's address, when listening. */
  url: string | null;
  onEvent(event: LoopEvent): void;
  close(): Promise<void>;
}

/** Starts the surfaces (throws the listen error when the address cannot be served); notifications follow the revision in force. */
export async function startWatchSurfaces(context: SurfacesContext): Promise<WatchSurfaces> {
  const { listen, store, by, warn, now } = context;
  const metrics = createMetrics();
  const surface = new Surface(metrics, now);
  const http: HttpSurface | null =
    listen === null ? null : await startHttpSurface(surface, listen.address, listen.token);
  let round: ReconcileSnapshot['round'] = null;
  let desired: DesiredState | null = null;
  const notifications = await watchNotifications({
    store,
    env: context.env,
    source: context.source,
    onFailure: (spec) => metrics.countNotificationFailure(spec.name, spec.format),
    warn,
    now,
  });
  const views = poolViewWriter(store, by, (message) =>
    warn(`quiesce watch: ${message} (quiesce serve reads them; watch goes on)`),
  );
  return {
    url: http?.url ?? null,
    onEvent(event) {
      if (event.kind === 'plan') {
        round = { plan: event.plan, pools: event.pools };
        desired = event.desired;
      } else if (event.kind === 'step')
        metrics.countStep({
          pool: event.entry.pool,
          action: event.entry.action,
          outcome: event.entry.outcome,
        });
      else if (event.kind === 'status') {
        surface.publish({ status: event.status, round }, notifications.follow(desired));
        const view = surface.view;
        if (view === null) return;
        notifications.notify(view);
        views.write(view);
      }
    },
    async close() {
      await notifications.close();
      await views.flush();
      await http?.close();
    },
  };
}
