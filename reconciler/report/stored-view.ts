// The fleet as the state store holds it: one record per pool (written by apply and watch), put together. Pure.
import type { WatchStatus } from '../status/types.ts';
import { type FleetView, fleetView, type PoolView } from './fleet-view.ts';

/** What apply and watch store per pool: the run's view with only that pool in it, and who made it. */
export interface PoolViewRecord {
  formatVersion: 1;
  /** The run that wrote it, in one phrase (`apply on runner-7 (pid 4242), job https://…`). */
  by: string;
  view: FleetView;
}

/** One record per pool of a run's view. */
export function poolViewRecords(view: FleetView, by: string): PoolViewRecord[] {
  return view.pools.map((pool) => ({
    formatVersion: 1,
    by,
    view: { ...view, pools: [{ ...pool, recorded: null }] },
  }));
}

/** The record, or null when it is not one this version reads. */
export function asPoolViewRecord(value: unknown): PoolViewRecord | null {
  const record = value as PoolViewRecord | null;
  return record?.formatVersion === 1 &&
    typeof record.by === 'string' &&
    record.view?.formatVersion === 1 &&
    Array.isArray(record.view.pools)
    ? record
    : null;
}

/** When a view's run ended. */
const endOf = (view: Pick<FleetView, 'lastReconcile' | 'at'>) => view.lastReconcile?.at ?? view.at;

/** A recorded pool's pending services as they were then (`RTCSRV was PausePending when recorded at 13:00:05 UTC`): nobody re-observes them. */
function asRecorded(pool: PoolView, at: string): PoolView['waiting'] {
  return pool.waiting.map((w) => {
    const row = pool.servers
      .find((s) => s.name === w.server)
      ?.services.find((x) => x.name === w.service);
    const was = row?.status == null ? 'pending' : `was ${row.status}`;
    return { ...w, message: `${w.service} ${was} when recorded at ${at.slice(11, 19)} UTC` };
  });
}

/**
 * The fleet from the records and a watcher's status document: every recorded pool (marked with who recorded
 * it and when), and the conditions and revisions of the latest run, the watcher's or a recorded one. Null
 * when there is neither.
 */
export function storedFleetView(
  records: readonly PoolViewRecord[],
  status: WatchStatus | null,
  now: number,
): FleetView | null {
  if (records.length === 0) return status === null ? null : fleetView({ status, round: null }, now);
  const newest = records.reduce((a, b) => (endOf(b.view) > endOf(a.view) ? b : a));
  const watcherNewer =
    status?.lastReconcile != null && status.lastReconcile.at >= endOf(newest.view);
  const head = watcherNewer ? fleetView({ status, round: null }, now) : newest.view;
  const pools: PoolView[] = records
    .flatMap((record) =>
      record.view.pools.map((pool) => ({
        ...pool,
        waiting: asRecorded(pool, endOf(record.view)),
        rollout: pool.rollout ?? null,
        windows: pool.windows ?? null,
        recorded: { at: endOf(record.view), by: record.by },
      })),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    ...head,
    at: new Date(now).toISOString(),
    pools,
    notifications: newest.view.notifications,
  };
}
