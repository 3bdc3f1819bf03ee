// A small inline SVG chart of one server's open sessions over the last hour.
import { HISTORY_MS, type Sample } from '../session-history.ts';
import { h, type VNode } from './vnode.ts';

const WIDTH = 120;
const HEIGHT = 28;

/** The chart, or null with fewer than two samples. */
export function sparkline(samples: readonly Sample[], now: number): VNode | null {
  if (samples.length < 2) return null;
  const top = Math.max(1, ...samples.map(([, v]) => v));
  // The last hour, or less while there is less history (at least a minute), so a young chart is readable.
  const start = Math.max(now - HISTORY_MS, Math.min((samples[0] as Sample)[0], now - 60_000));
  const x = (t: number) => ((WIDTH * Math.max(0, t - start)) / Math.max(1, now - start)).toFixed(1);
  const y = (v: number) => (HEIGHT - 2 - ((HEIGHT - 4) * v) / top).toFixed(1);
  const points = samples.map(([t, v]) => `${x(t)},${y(v)}`).join(' ');
  return h(
    'svg',
    {
      class: 'spark',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: String(WIDTH),
      height: String(HEIGHT),
      role: 'img',
      'aria-label': `sessions over the last hour, peak ${top}`,
    },
    h('polyline', { points, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' }),
  );
}
