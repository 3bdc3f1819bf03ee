// A small inline SVG chart of one server's open sessions over the last hour.
import type { Sample } from '../session-history.ts';
import { h, type VNode } from './vnode.ts';

const WIDTH = 120;
const HEIGHT = 28;

/** The chart, or null with fewer than two samples. */
export function sparkline(samples: readonly Sample[]): VNode | null {
  if (samples.length < 2) return null;
  const top = Math.max(1, ...samples.map(([, v]) => v));
  // From the first sample kept (at most an hour ago) to the last: the chart changes only when samples do.
  const start = (samples[0] as Sample)[0];
  const span = Math.max(1, (samples.at(-1) as Sample)[0] - start);
  const x = (t: number) => ((WIDTH * (t - start)) / span).toFixed(1);
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
