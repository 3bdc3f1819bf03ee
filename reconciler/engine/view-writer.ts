// Apply's pool views for `quiesce serve`: one after each reconcile in the background (latest only), one at the end awaited.
import { ok, type Result } from 'neverthrow';
import type { FleetView } from '../report/fleet-view.ts';
import { asPoolViewRecord, poolViewRecords } from '../report/stored-view.ts';
import {
  POOL_VIEW_KIND,
  poolViewWriter,
  type RecordsOf,
  savePoolViews,
  type ViewStore,
} from '../serve/pool-views.ts'; // not serve/index.ts: apply needs no HTTP surface nor prom-client
import type { WatchStatus } from '../status/types.ts';
import { type AppliedRun, appliedView, viewOfPlan } from './views.ts';

/** What changes from one view to the next; the rest of the run is fixed when the writer is made. */
export type ReconcileOfRun = Pick<
  AppliedRun,
  'observed' | 'lastPlan' | 'executed' | 'failed' | 'interrupted'
>;

type Applied = WatchStatus['lastAppliedRevision'];

/** Each pool's applied revision as the store has it before this run (read before the run's first view is written). */
async function appliedBefore(store: Pick<ViewStore, 'listRecords'>): Promise<Map<string, Applied>> {
  const listed = await store.listRecords(POOL_VIEW_KIND);
  const before = new Map<string, Applied>();
  if (listed.isErr()) return before;
  for (const { key, value } of listed.value)
    before.set(key, asPoolViewRecord(value)?.view.lastAppliedRevision ?? null);
  return before;
}

/** Records of a view; a run not (yet) clean leaves each pool's previous applied revision as it was. */
const keepingApplied =
  (before: ReadonlyMap<string, Applied>): RecordsOf =>
  (view: FleetView, by: string) =>
    poolViewRecords(view, by).map((record) =>
      view.lastAppliedRevision !== null
        ? record
        : {
            ...record,
            view: {
              ...record.view,
              lastAppliedRevision: before.get(record.view.pools[0]?.name ?? '') ?? null,
            },
          },
    );

/**
 * Writes apply's views: `reconcile` hands one in and returns at once (a view not yet started is replaced by a
 * newer one, so a slow store never delays the run); `final` waits for those, then writes the last one.
 * Each view's time is when it was made (`clock`, the system clock).
 */
export function applyViewWriter(
  store: Pick<ViewStore, 'putRecord' | 'listRecords'>,
  by: string,
  run: Omit<AppliedRun, keyof ReconcileOfRun | 'durationMs' | 'now'>,
  clocks: { clock: () => number; now: () => number },
  warn: (message: string) => void,
  /** Each view made (notifications follow them, as watch's do). */
  onView: (view: FleetView) => void = () => {},
) {
  // Read only when a view needs it (one not clean, so each pool keeps its revision): a clean single pass never
  // reads 500 pools' earlier views (10 MB of JSON). A run's first view is written after it is read.
  let before: Promise<Map<string, Applied>> | null = null;
  const readBefore = () => {
    before ??= appliedBefore(store);
    return before;
  };
  let writer: ReturnType<typeof poolViewWriter> | null = null;
  const runAt = (pass: ReconcileOfRun): AppliedRun => ({
    ...run,
    ...pass,
    durationMs: clocks.clock() - run.started,
    now: clocks.now(),
  });
  // A reconcile's view shows its own plan; the last one is planned afresh after the run's hooks ended.
  const viewOf = async (pass: ReconcileOfRun) => viewOfPlan(runAt(pass), pass.lastPlan);
  let next: ReconcileOfRun | null = null;
  let building: Promise<void> | null = null;
  const build = async () => {
    while (next !== null) {
      const pass = next;
      next = null;
      try {
        const view = await viewOf(pass);
        onView(view);
        writer ??= poolViewWriter(store, by, warn, keepingApplied(await readBefore()));
        writer.write(view);
      } catch (error) {
        warn(`cannot make the pool views: ${error instanceof Error ? error.message : error}`);
      }
    }
    building = null;
  };
  const settled = async () => {
    next = null;
    await building;
    await writer?.flush();
  };
  return {
    reconcile(pass: ReconcileOfRun): void {
      next = pass;
      building ??= build();
    },
    /** Drops what is not started and waits for what is (before the store closes). */
    settled,
    /**
     * Settles, then writes the run's last view: made at once, sent and written only when `ready` (what the
     * view follows is saved) resolves true; else nothing is written.
     */
    async final(
      pass: ReconcileOfRun,
      ready: Promise<boolean> = Promise.resolve(true),
    ): Promise<Result<void, string>> {
      await settled();
      const view = await appliedView(runAt(pass));
      if (!(await ready)) return ok(undefined);
      onView(view);
      const records =
        view.lastAppliedRevision !== null ? undefined : keepingApplied(await readBefore());
      return savePoolViews(store, view, by, records);
    },
  };
}
