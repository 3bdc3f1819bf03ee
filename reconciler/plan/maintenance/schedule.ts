// One window's cron occurrences in its time zone (croner): when an occurrence starts, and whether one is open.
import { Cron } from 'croner';
import type { WindowSpec } from '../../model.ts';

const cache = new Map<string, Cron>();

/** The window's schedule, parsed once; throws on a bad expression or zone (the loader checks first). */
export function cronOf(schedule: string, timezone: string): Cron {
  const key = `${timezone} ${schedule}`;
  let cron = cache.get(key);
  if (cron === undefined) {
    // 5-part mode: minute hour day-of-month month day-of-week; day fields OR-ed as in Vixie cron.
    cron = new Cron(schedule, { timezone, mode: '5-part', domAndDow: false });
    cache.set(key, cron);
  }
  return cron;
}

/** The first occurrence strictly after `t` (ms), or null when there is none. */
export function nextStart(window: WindowSpec, t: number): number | null {
  return cronOf(window.schedule, window.timezone).nextRun(new Date(t))?.getTime() ?? null;
}

/** When the occurrence open at `t` ends (the latest start ≤ t, plus the duration), or null when closed. */
export function openEnd(window: WindowSpec, t: number): number | null {
  // previousRuns excludes a run exactly at the reference: look from just after `t`.
  const [latest] = cronOf(window.schedule, window.timezone).previousRuns(1, new Date(t + 1));
  if (latest === undefined) return null;
  const end = latest.getTime() + window.durationMs;
  return end > t ? end : null;
}
