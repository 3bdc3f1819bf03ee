// `quiesce serve`'s feed: re-reads the store's pool views and status every interval into a Surface.
import { createMetrics } from '../report/metrics.ts';
import { loadStoredView, type ViewStore } from './pool-views.ts';
import { Surface } from './surface.ts';

/** What the poller needs. */
export interface PollerContext {
  store: ViewStore;
  /** Re-read interval. */
  intervalMs: number;
  /** The clock each pool's age is shown against. */
  now: () => number;
  /** The store cannot be read: one line, once until it can be read again. */
  failing: (message: string) => void;
}

/** A Surface fed from the store: `poll` once before serving, `start` the interval, `stop` waits for the read in flight. */
export function storePoller(context: PollerContext) {
  const { store, now, failing } = context;
  const surface = new Surface(createMetrics());
  let failed: string | null = null;
  let polling: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  // What apply and watch recorded per pool, with the latest run's conditions.
  const poll = (): Promise<void> => {
    polling ??= loadStoredView(store, now())
      .then((loaded) => {
        if (loaded.isErr()) {
          if (failed !== loaded.error) failing(loaded.error);
          failed = loaded.error;
          return;
        }
        failed = null;
        const view = loaded.value;
        if (view !== null) surface.publishView(view, view.lastReconcile?.durationMs ?? null);
      })
      .finally(() => {
        polling = null;
      });
    return polling;
  };
  return {
    surface,
    poll,
    start(): void {
      timer ??= setInterval(() => void poll(), context.intervalMs);
    },
    async stop(): Promise<void> {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await polling;
    },
  };
}
