// When a round asks to run again: soon after progress, or when time alone changes something. Pure.

/** The longest delay a timer takes (about 24.8 days); a later wake is asked for again on the way. */
const MAX_DELAY_MS = 2_147_000_000;

/** A wake is taken this long after its moment, so that the round sees the window open (or the settle over). */
const WAKE_MARGIN_MS = 50;

/**
 * The requeue delay after a round (null: none): `soonMs` when the round made progress or waits on
 * something pending, the time until `wakeAt` when time alone changes something; the earlier of the two.
 */
export function requeueAfter(
  soon: boolean,
  soonMs: number,
  wakeAt: number | null,
  now: number,
): number | null {
  const wake =
    wakeAt === null ? null : Math.min(MAX_DELAY_MS, Math.max(0, wakeAt - now) + WAKE_MARGIN_MS);
  if (!soon) return wake;
  return wake === null ? soonMs : Math.min(soonMs, wake);
}
