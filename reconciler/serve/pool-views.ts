// Pool views in the state store's keyed records (kind `pool-view`, key the pool): apply and watch write
// them, `quiesce serve` reads them back, so a fleet applied only from CI shows on the page too.
import { createHash } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type { FleetView } from '../report/fleet-view.ts';
import {
  asPoolViewRecord,
  type PoolViewRecord,
  poolViewRecords,
  storedFleetView,
} from '../report/stored-view.ts';
import type { WatchStatus } from '../status/types.ts';

/** The kind pool views are stored under. */
export const POOL_VIEW_KIND = 'pool-view';

/** The slice of the state store pool views need; StateStore has this shape. */
export interface ViewStore {
  putRecord(kind: string, key: string, value: unknown): Promise<Result<void, { message: string }>>;
  listRecords(
    kind: string,
  ): Promise<Result<{ key: string; value: unknown }[], { message: string }>>;
  readStatus(): Promise<Result<WatchStatus | null, { message: string }>>;
}

/** How a view becomes its per-pool records (poolViewRecords, unless the writer adjusts them). */
export type RecordsOf = (view: FleetView, by: string) => PoolViewRecord[];

/** Writes one record per pool of the view; the first error as one line. */
export const savePoolViews = (
  store: Pick<ViewStore, 'putRecord'>,
  view: FleetView,
  by: string,
  recordsOf: RecordsOf = poolViewRecords,
): Promise<Result<void, string>> => savePoolRecords(store, recordsOf(view, by));

/** Writes the records, each under its pool; the first error as one line. */
export async function savePoolRecords(
  store: Pick<ViewStore, 'putRecord'>,
  records: readonly PoolViewRecord[],
): Promise<Result<void, string>> {
  const written = await Promise.all(
    records.map((record) =>
      store.putRecord(POOL_VIEW_KIND, record.view.pools[0]?.name ?? '', record),
    ),
  );
  const failed = written.find((done) => done.isErr());
  return failed?.isErr()
    ? err(`cannot record the pool views: ${failed.error.message}`)
    : ok(undefined);
}

/** What the store holds for the page: the pool views, the watcher's status, and a digest of both. */
export interface StoredViews {
  records: PoolViewRecord[];
  status: WatchStatus | null;
  /** Equal digests: nothing recorded changed since (serve skips rebuilding the page). */
  digest: string;
}

/** Reads the pool views and the watcher's status document from the store. */
export async function readStoredViews(store: ViewStore): Promise<Result<StoredViews, string>> {
  const [listed, status] = await Promise.all([
    store.listRecords(POOL_VIEW_KIND),
    store.readStatus(),
  ]);
  if (listed.isErr()) return err(`cannot read the pool views: ${listed.error.message}`);
  if (status.isErr()) return err(`cannot read the watcher's status: ${status.error.message}`);
  const records = listed.value.flatMap((r) => asPoolViewRecord(r.value) ?? []);
  const document = status.value?.formatVersion === 1 ? status.value : null;
  const digest = createHash('sha1')
    .update(JSON.stringify(listed.value))
    .update(JSON.stringify(document))
    .digest('hex');
  return ok({ records, status: document, digest });
}

/** The fleet as the store has it (null when nothing was recorded yet). */
export async function loadStoredView(
  store: ViewStore,
  now: number,
): Promise<Result<FleetView | null, string>> {
  const read = await readStoredViews(store);
  return read.map((stored) => storedFleetView(stored.records, stored.status, now));
}

/**
 * Writes a watcher's views in the background, latest first: a view that arrives while one is being written
 * replaces any not yet started, so a slow store never delays a round nor builds a queue.
 */
export function poolViewWriter(
  store: Pick<ViewStore, 'putRecord'>,
  by: string,
  warn: (message: string) => void,
  recordsOf: RecordsOf = poolViewRecords,
) {
  let next: FleetView | null = null;
  let writing: Promise<void> | null = null;
  let warned = false;
  const drain = async () => {
    while (next !== null) {
      const view = next;
      next = null;
      const saved = await savePoolViews(store, view, by, recordsOf);
      if (saved.isErr() && !warned) warn(saved.error);
      warned = saved.isErr();
    }
    writing = null;
  };
  return {
    write(view: FleetView): void {
      next = view;
      writing ??= drain();
    },
    /** Resolves once every view handed in is written (or failed). */
    flush: (): Promise<void> => writing ?? Promise.resolve(),
  };
}
