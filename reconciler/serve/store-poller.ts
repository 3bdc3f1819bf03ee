// `quiesce serve`'s feed: re-reads the store's pool views and status every interval into a Surface; an
// unchanged store is put together again only every AGES_REFRESH_MS (for the ages it shows).
import { createMetrics } from '../report/metrics.ts';
import { storedFleetView } from '../report/stored-view.ts';
import { readStoredViews, type ViewStore } from './pool-views.ts';
import { Surface } from './surface.ts';

/**
 * How often an unchanged store is put together again, so the page's ages (`recorded … 2m ago`) move on.
 * Every poll would rebuild and resend every pool of the page (about 1 s and 0.9 MiB per poll at 10,000 servers).
 */
export const AGES_REFRESH_MS = 30_000;

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
  /** The digest of what was last put together, and when. */
  let digest = '';
  let built = 0;
  let polling: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  // What apply and watch recorded per pool, with the latest run's conditions.
  const poll = (): Promise<void> => {
    polling ??= readStoredViews(store)
      .then((read) => {
        if (read.isErr()) {
          if (failed !== read.error) failing(read.error);
          failed = read.error;
          return;
        }
        failed = null;
        const at = now();
        if (read.value.digest === digest && at - built < AGES_REFRESH_MS) return;
        const view = storedFleetView(read.value.records, read.value.status, at);
        digest = read.value.digest;
        built = at;
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
