// Apply's pool views for `quiesce serve`: one after each round in the background (latest only), one at the end awaited.
import type { Result } from 'neverthrow';
import { poolViewWriter, savePoolViews, type ViewStore } from '../serve/index.ts';
import { type AppliedRun, appliedView, viewOfPlan } from './apply-view.ts';

/** What changes from one view to the next; the rest of the run is fixed when the writer is made. */
export type RoundOfRun = Pick<AppliedRun, 'observed' | 'lastPlan' | 'executed'>;

/**
 * Writes apply's views: `round` hands one in and returns at once (a view not yet started is replaced by a
 * newer one, so a slow store never delays the run); `final` waits for those, then writes the last one.
 * Each view's time is when it was made (`clock`, the system clock).
 */
export function applyViewWriter(
  store: Pick<ViewStore, 'putRecord'>,
  by: string,
  run: Omit<AppliedRun, keyof RoundOfRun | 'durationMs' | 'now'>,
  clocks: { clock: () => number; now: () => number },
  warn: (message: string) => void,
) {
  const writer = poolViewWriter(store, by, warn);
  const runAt = (round: RoundOfRun) => ({
    ...run,
    ...round,
    durationMs: clocks.clock() - run.started,
    now: clocks.now(),
  });
  // A round's view shows the round's own plan; the last one is planned afresh after the run's hooks ended.
  const viewOf = async (round: RoundOfRun) => viewOfPlan(runAt(round), round.lastPlan);
  let next: RoundOfRun | null = null;
  let building: Promise<void> | null = null;
  const build = async () => {
    while (next !== null) {
      const round = next;
      next = null;
      try {
        writer.write(await viewOf(round));
      } catch (error) {
        warn(`cannot make the pool views: ${error instanceof Error ? error.message : error}`);
      }
    }
    building = null;
  };
  const settled = async () => {
    next = null;
    await building;
    await writer.flush();
  };
  return {
    round(round: RoundOfRun): void {
      next = round;
      building ??= build();
    },
    /** Drops what is not started and waits for what is (before the store closes). */
    settled,
    /** Settles, then writes the run's last view. */
    async final(round: RoundOfRun): Promise<Result<void, string>> {
      await settled();
      return savePoolViews(store, await appliedView(runAt(round)), by);
    },
  };
}
