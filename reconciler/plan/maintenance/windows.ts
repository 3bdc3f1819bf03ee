// Maintenance windows as a pure function of (windows, now): may a drain start now, until when, or from when.
import type { WindowSpec } from '../../model.ts';
import { nextStart, openEnd } from './schedule.ts';
import { whenText } from './when-text.ts';

/** Whether a drain may start at `now`; `until`/`opens` are null when there is no end/start in sight. */
export type WindowVerdict =
  | { allowed: true; until: number | null; zone: string | null; text: string }
  | { allowed: false; opens: number | null; zone: string | null; text: string };

/** How many window edges are followed before giving up on finding the next change. */
const MAX_STEPS = 500;

/** How far ahead an open window's end is looked for (past it: "no end in sight"). */
const END_HORIZON_MS = 8 * 86_400_000;

/** How far ahead a closed window's opening is looked for (a yearly schedule opens within it). */
const OPEN_HORIZON_MS = 400 * 86_400_000;

/** The latest end among the windows' occurrences open at `t`, and that window; null when none is open. */
function openUntil(
  windows: readonly WindowSpec[],
  t: number,
): { end: number; by: WindowSpec } | null {
  let found: { end: number; by: WindowSpec } | null = null;
  for (const window of windows) {
    const end = openEnd(window, t);
    if (end !== null && (found === null || end > found.end)) found = { end, by: window };
  }
  return found;
}

/** When a run of overlapping or back-to-back occurrences open at `t` ends (null: not open, or no end in sight). */
function unionEnd(
  windows: readonly WindowSpec[],
  t: number,
): { end: number; by: WindowSpec } | null {
  let open = openUntil(windows, t);
  for (let step = 0; open !== null && step < MAX_STEPS && open.end - t <= END_HORIZON_MS; step++) {
    const next = openUntil(windows, open.end);
    if (next === null) return open;
    open = next;
  }
  return null;
}

/** The first occurrence start after `t` among the windows, and its window. */
function firstStart(
  windows: readonly WindowSpec[],
  t: number,
): { at: number; by: WindowSpec } | null {
  let found: { at: number; by: WindowSpec } | null = null;
  for (const window of windows) {
    const at = nextStart(window, t);
    if (at !== null && (found === null || at < found.at)) found = { at, by: window };
  }
  return found;
}

/** Deny beats allow; no allow window means allowed whenever no deny window is open. DST: croner, per occurrence. */
export function evaluateWindows(windows: readonly WindowSpec[], now: number): WindowVerdict {
  const allow = windows.filter((w) => w.kind === 'allow');
  const deny = windows.filter((w) => w.kind === 'deny');
  if (windows.length === 0)
    return { allowed: true, until: null, zone: null, text: 'no windows: always allowed' };
  const denied = openUntil(deny, now);
  const allowed = allow.length === 0 ? { end: Number.POSITIVE_INFINITY } : openUntil(allow, now);
  if (denied === null && allowed !== null) {
    // Open until the allow run ends or a deny window starts, whichever comes first.
    const end = allow.length === 0 ? null : unionEnd(allow, now);
    const cut = firstStart(deny, now);
    const stop =
      cut !== null && (end === null || cut.at < end.end)
        ? { at: cut.at, by: cut.by }
        : end === null
          ? null
          : { at: end.end, by: end.by };
    if (stop === null)
      return { allowed: true, until: null, zone: null, text: 'open, no end in sight' };
    return {
      allowed: true,
      until: stop.at,
      zone: stop.by.timezone,
      text: `open until ${whenText(stop.at, now, stop.by.timezone)}`,
    };
  }
  // Closed: walk forward over deny runs and allow gaps until both agree.
  let t = now;
  let by: WindowSpec | null = null;
  for (let step = 0; step < MAX_STEPS && t - now <= OPEN_HORIZON_MS; step++) {
    if (openUntil(deny, t) !== null) {
      const blocking = unionEnd(deny, t);
      if (blocking === null) break;
      t = blocking.end;
      by = blocking.by;
      continue;
    }
    if (allow.length > 0 && openUntil(allow, t) === null) {
      const start = firstStart(allow, t);
      if (start === null) break;
      t = start.at;
      by = start.by;
      continue;
    }
    const zone = (by ?? windows[0]!).timezone;
    return { allowed: false, opens: t, zone, text: `opens ${whenText(t, now, zone)}` };
  }
  return { allowed: false, opens: null, zone: null, text: 'closed, and no window opens in sight' };
}
