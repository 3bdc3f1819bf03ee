// "Tue 22:00 Europe/Berlin, in 3h12m": an instant in a window's own time zone, and how far off it is.
// Part of the plan's messages (a held drain says when its window opens: Blocked.message, status conditions),
// so it stays in plan/; report/ reuses it for the words it adds.
import { formatDuration } from '../../duration.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The weekday and time of `at` in `zone` (`Tue 22:00`). */
export function clockText(at: number, zone: string): string {
  const parts = formatIn(zone).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('hour')}:${part('minute')}`;
}

/** How far `at` is from `now`, to the minute once it is a minute or more away (`3h12m`, `45s`). */
export function inText(at: number, now: number): string {
  const ms = Math.max(0, at - now);
  return formatDuration(
    ms < 60_000 ? Math.ceil(ms / 1000) * 1000 : Math.round(ms / 60_000) * 60_000,
  );
}

/** `Tue 22:00 Europe/Berlin, in 3h12m`. */
export function whenText(at: number, now: number, zone: string): string {
  return `${clockText(at, zone)} ${zone}, in ${inText(at, now)}`;
}
