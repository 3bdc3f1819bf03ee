// Drain progress: a line per change of state in logs, one line redrawn in place on a terminal.

import { waitingOn } from '../report/waiting-on.ts';
import type { PoolStatus } from '../status/index.ts';
import type { Output } from './io.ts';

/** `text` cut to fit `columns` (with an ellipsis), so a redrawn line never wraps. */
export function fitLine(text: string, columns: number): string {
  const chars = [...text];
  const room = Math.max(1, columns - 1);
  return chars.length <= room ? text : `${chars.slice(0, room - 1).join('')}…`;
}

/** A reporter fed with each round's fleet status. */
export function progressReporter(out: Output): {
  update(pools: PoolStatus[], now?: number): void;
  end(): void;
} {
  const last = new Map<string, string>();
  let drawn = false;
  return {
    update(pools, now = Date.now()) {
      const items = waitingOn(pools, now);
      if (out.isTTY) {
        if (items.length > 0) {
          const line = items.map((item) => `${item.server}: ${item.text}`).join(' | ');
          out.write(`\r\u001b[K${fitLine(line, out.columns ?? 80)}`);
          drawn = true;
        }
        return;
      }
      for (const item of items) {
        if (last.get(item.server) === item.key) continue;
        last.set(item.server, item.key);
        out.write(`${item.server}: ${item.text}\n`);
      }
    },
    end() {
      if (drawn) out.write('\n');
    },
  };
}
