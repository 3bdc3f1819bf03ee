// What apply --wait says when it waits for a maintenance window to open, and when one has opened.
import { formatDuration } from '../duration.ts';
import type { Plan } from '../plan/index.ts';

/** `waiting for a maintenance window: p opens Sat 22:00 Europe/Berlin, in 22s (apply goes on then)`. */
export function windowWaitLine(until: number, plan: Plan, now: number): string {
  const closed = (plan.windows ?? []).filter((w) => !w.open && w.changeAt === until);
  const which = closed.map((w) => `${w.pool} ${w.text}`).join('; ');
  const what = which === '' ? `a window opens in ${formatDuration(until - now)}` : which;
  return `waiting for a maintenance window: ${what} (apply goes on then)\n`;
}

/** `maintenance window open: p open until Sun 04:00 Europe/Berlin, in 6h` — one line per pool that opened. */
export function windowOpenLines(plan: Plan, pools: ReadonlySet<string>): string {
  return (plan.windows ?? [])
    .filter((w) => w.open && pools.has(w.pool))
    .map((w) => `maintenance window open: ${w.pool} ${w.text}\n`)
    .join('');
}
